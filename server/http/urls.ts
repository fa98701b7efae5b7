// Where phones reach the game. A phone opens the join URL (QR code, printed at start) and then
// plays over a WebSocket to the host that page came from; only with PUBLIC_ADDRESS (several
// processes behind Redis) does the seat reservation send it elsewhere. So the join URL is the
// one address to get right: PUBLIC_URL when set, else the address the teacher's request came in
// on, with this machine's LAN address in place of a loopback name (a phone cannot reach the
// laptop's "localhost"). X-Forwarded-Proto/-Host count only from a proxy that Express's
// `trust proxy` setting trusts: req.protocol and req.host apply it.
import os from 'node:os';
import type { Request } from 'express';

/** Interfaces of virtual bridges and containers: a phone on the classroom Wi-Fi never reaches these. */
const VIRTUAL_INTERFACE = /^(docker|br-|veth|virbr|vmnet|vboxnet|cni|flannel|cali|lxc|lxd|podman|kube)/i;

/**
 * This machine's address on the local network: a non-internal IPv4, preferring real interfaces
 * over container bridges and private ranges (192.168/16, 10/8, 172.16/12) over the rest.
 */
export function lanAddress(interfaces: NodeJS.Dict<os.NetworkInterfaceInfo[]> = os.networkInterfaces()): string | undefined {
  const candidates: { address: string; rank: number }[] = [];
  for (const [name, list] of Object.entries(interfaces)) {
    for (const a of list ?? []) {
      if (a.family !== 'IPv4' || a.internal || a.address.startsWith('169.254.')) continue;
      const rank = (VIRTUAL_INTERFACE.test(name) ? 2 : 0) + (isPrivateIPv4(a.address) ? 0 : 1);
      candidates.push({ address: a.address, rank });
    }
  }
  return candidates.sort((x, y) => x.rank - y.rank)[0]?.address;
}

function isPrivateIPv4(address: string): boolean {
  const [a = 0, b = 0] = address.split('.').map(Number);
  return a === 10 || (a === 192 && b === 168) || (a === 172 && b >= 16 && b <= 31);
}

export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127\./.test(h) || h === '0.0.0.0';
}

/** A Host header we are willing to echo into a link: a name or an IP, and an optional port. */
const HOST_HEADER = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.?|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** "name:port" → { hostname, port } (port '' when absent); IPv6 stays in brackets. */
function splitHost(host: string): { hostname: string; port: string } {
  const m = /^(.*?)(?::(\d{1,5}))?$/.exec(host);
  return { hostname: m?.[1] ?? host, port: m?.[2] ?? '' };
}

/**
 * The page phones open to join game `code`: PUBLIC_URL, else the scheme and host this request
 * came in on (a trusted proxy's X-Forwarded-* included), a loopback name replaced by the LAN address.
 */
export function joinUrlFor(req: Request, code: string, opts: PublicUrlOptions): string {
  return `${publicBaseUrl(req, opts)}/?code=${code}`;
}

export interface PublicUrlOptions {
  readonly publicUrl: string | undefined;
  readonly port: number;
  readonly lan?: () => string | undefined;
}

/** Where phones reach this server, without a trailing slash (join links, homework links): see joinUrlFor. */
export function publicBaseUrl(req: Request, opts: PublicUrlOptions): string {
  if (opts.publicUrl) return opts.publicUrl;
  const proto = req.protocol === 'https' ? 'https' : 'http';
  const raw = req.host ?? '';
  const host = HOST_HEADER.test(raw) ? raw : `localhost:${opts.port}`;
  const { hostname, port } = splitHost(host);
  if (isLoopbackHost(hostname)) {
    const lan = (opts.lan ?? lanAddress)();
    if (lan) return `${proto}://${lan}${port ? `:${port}` : ''}`;
  }
  return `${proto}://${host}`;
}

/**
 * The student address printed when the server starts: PUBLIC_URL, else http://<address>:PORT/ at
 * the interface it listens on (this machine's LAN address when that is all of them). Listening on
 * loopback only, or with no network at all, there is none a phone can reach: `url` is null.
 */
export function studentAddress(opts: { publicUrl: string | undefined; port: number; host: string; lan: string | undefined }): { url: string | null; why?: 'loopback-only' | 'no-network' } {
  if (opts.publicUrl) return { url: `${opts.publicUrl}/` };
  const portPart = opts.port === 80 ? '' : `:${opts.port}`;
  if (opts.host !== '0.0.0.0' && opts.host !== '::' && opts.host !== '') {
    if (isLoopbackHost(opts.host)) return { url: null, why: 'loopback-only' };
    return { url: `http://${opts.host.includes(':') ? `[${opts.host}]` : opts.host}${portPart}/` };
  }
  if (opts.lan) return { url: `http://${opts.lan}${portPart}/` };
  return { url: null, why: 'no-network' };
}
