// The address phones use to join. A projector laptop often opens the game as localhost, which a
// phone cannot reach: then the join URL uses this machine's LAN address instead (or PUBLIC_URL).
import os from 'node:os';
import type { Request } from 'express';

export function lanAddress(): string | undefined {
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return undefined;
}

export function joinUrlFor(req: Request, code: string, opts: { publicUrl: string | undefined; port: number }): string {
  if (opts.publicUrl) return `${opts.publicUrl.replace(/\/$/, '')}/?code=${code}`;
  const proto = (req.get('x-forwarded-proto') ?? req.protocol).split(',')[0]?.trim() || 'http';
  const host = req.get('x-forwarded-host') ?? req.get('host') ?? `localhost:${opts.port}`;
  const hostname = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  if (['localhost', '127.0.0.1', '::1'].includes(hostname)) {
    const lan = lanAddress();
    if (lan) return `${proto}://${lan}${host.slice(host.lastIndexOf(']') + 1).match(/:\d+$/)?.[0] ?? ''}/?code=${code}`;
  }
  return `${proto}://${host}/?code=${code}`;
}
