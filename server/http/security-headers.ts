// Response headers on every answer (pages, API, the matchmaker), and the origin policy for
// browsers: helmet's strict set (nosniff, frame denial, no referrer, same-origin opener and
// resources) plus a Content-Security-Policy the built pages and Phaser run under (scripts and
// styles from this server only; inline <style> blocks of a page allowed by their hash; images
// from data:/blob: URLs for canvas textures; sockets to this server or its PUBLIC_ADDRESS).
// No HSTS here: a LAN game runs on plain http; the TLS proxy adds it (deploy/nginx.conf, docs/security.md).
//
// Origins: a browser page may call the API and open game sockets only from this server's own
// origin (the Host it was asked under, or the proxy's X-Forwarded-Host when the peer is a
// trusted proxy), PUBLIC_URL's origin, or ALLOWED_ORIGINS. CORS headers go only to those listed
// cross-site origins, never with credentials (nothing here uses cookies).
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';
import type { TrustFn } from './client-ip.ts';

type Directives = Record<string, string[]>;

function directives(socketHosts: readonly string[]): Directives {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'media-src': ["'self'", 'data:', 'blob:'],
    'connect-src': ["'self'", ...socketHosts.flatMap((h) => [`ws://${h}`, `wss://${h}`])],
    'worker-src': ["'self'", 'blob:'],
    'manifest-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  };
}

export function serializeCsp(d: Directives): string {
  return Object.entries(d)
    .map(([k, v]) => [k, ...v].join(' '))
    .join('; ');
}

/** The hashes ('sha256-…') of a page's inline <style> blocks, for its style-src. */
export function inlineStyleHashes(html: string): string[] {
  return [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)].map((m) => `'sha256-${createHash('sha256').update(m[1]!, 'utf8').digest('base64')}'`);
}

export interface SecurityHeaders {
  /** Sets the headers on any response (connect-style; runs for every request). */
  apply(req: IncomingMessage, res: ServerResponse, next: () => void): void;
  /** The policy of an HTML page with these inline <style> blocks. */
  pagePolicy(styleHashes: readonly string[]): string;
  /** The policy of the operator's monitor under /admin (its SPA injects styles and uses Google's icon font). */
  readonly adminPolicy: string;
}

export function createSecurityHeaders(opts: { socketHosts: readonly string[] }): SecurityHeaders {
  const base = directives(opts.socketHosts);
  const h = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: base },
    strictTransportSecurity: false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
  });
  return {
    apply(req, res, next) {
      h(req as never, res as never, next);
    },
    pagePolicy(styleHashes) {
      return serializeCsp({ ...base, 'style-src': ["'self'", ...styleHashes] });
    },
    adminPolicy: serializeCsp({ ...base, 'style-src': ["'self'", "'unsafe-inline'", 'https://fonts.googleapis.com'], 'font-src': ["'self'", 'data:', 'https://fonts.gstatic.com'] }),
  };
}

export interface OriginPolicy {
  /** True for a request without an Origin (not a browser page) or from an allowed origin. */
  allows(req: IncomingMessage): boolean;
  /** CORS response headers for a listed cross-site origin; none for any other. */
  corsHeaders(origin: string | null | undefined): Record<string, string>;
}

export function createOriginPolicy(opts: { allowedOrigins: readonly string[]; trust: TrustFn }): OriginPolicy {
  const listed = new Set(opts.allowedOrigins);
  const hostsOf = (req: IncomingMessage): string[] => {
    const hosts = [req.headers.host ?? ''];
    const peer = req.socket.remoteAddress;
    const forwarded = req.headers['x-forwarded-host'];
    if (peer && typeof forwarded === 'string' && opts.trust(peer, 0)) hosts.push(forwarded.split(',')[0]!.trim());
    return hosts.filter(Boolean).map((h) => h.toLowerCase());
  };
  return {
    allows(req) {
      const origin = req.headers.origin;
      if (origin === undefined) return true;
      if (listed.has(origin)) return true;
      let url: URL;
      try {
        url = new URL(origin);
      } catch {
        return false;
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
      return hostsOf(req).includes(url.host.toLowerCase());
    },
    corsHeaders(origin): Record<string, string> {
      if (!origin || !listed.has(origin)) return {};
      return {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Methods': 'GET, HEAD, POST, PUT, DELETE',
        'Access-Control-Allow-Headers': 'Content-Type, Authorization, X-Edit-Token, X-Request-Id',
        'Access-Control-Max-Age': '600',
        Vary: 'Origin',
      };
    },
  };
}
