// The client's address, the same way everywhere (Express's req.ip, the matchmaker's front door,
// the per-address limits): the socket's peer, or the X-Forwarded-For hop that the peers trusted
// by TRUST_PROXY (config.ts) name. An address any client can write into a header is never trusted.
import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';

export type TrustFn = (addr: string, hop: number) => boolean;

/** TRUST_PROXY's value as a trust function, as Express compiles `trust proxy`. */
export function compileTrust(value: boolean | number | string): TrustFn {
  if (value === true) return () => true;
  if (value === false) return () => false;
  if (typeof value === 'number') return (_a, hop) => hop < value;
  return proxyaddr.compile(value.split(',').map((v) => v.trim()).filter(Boolean));
}

export function clientIp(req: IncomingMessage, trust: TrustFn): string {
  try {
    return proxyaddr(req, trust);
  } catch {
    return req.socket.remoteAddress ?? 'unknown';
  }
}
