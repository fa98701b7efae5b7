// Where the page finds the game server, as plain functions of the page's address (no SDK, no DOM),
// so tests can check them: the SDK's HTTP requests go to the page's own origin, and its
// WebSocket to the same host unless the seat reservation names this game's process
// (PUBLIC_ADDRESS, several processes behind Redis). An https page always plays over wss.
import { JOIN_ERROR } from '../../../shared/codes.ts';

export interface PageAddress {
  /** "http:" or "https:" */
  readonly protocol: string;
  /** hostname[:port], as location.host */
  readonly host: string;
}

const isLoopback = (hostname: string) => {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127\./.test(h) || h === '0.0.0.0';
};

const hostnameOf = (host: string) => host.replace(/:\d+$/, '');

/** The SDK's endpoint: the page's own host, ws or wss like the page. */
export function serverEndpoint(page: PageAddress): string {
  return `${page.protocol === 'https:' ? 'wss' : 'ws'}://${page.host}`;
}

/**
 * The WebSocket URL the SDK built for a seat, made reachable from this page: a loopback address
 * (a PUBLIC_ADDRESS that names 127.0.0.1) is useless to a phone that loaded the page from
 * another host, which then plays at the page's host instead; an https page never uses plain ws.
 */
export function reachableSocketUrl(built: URL, page: PageAddress): URL {
  const url = new URL(built.href);
  if (isLoopback(url.hostname) && !isLoopback(hostnameOf(page.host))) url.host = page.host;
  if (page.protocol === 'https:' && url.protocol === 'ws:') url.protocol = 'wss:';
  return url;
}

/** Why a join failed, as a key under join.errors and the values its text needs. Never an empty reason. */
const REFUSALS: Readonly<Record<number, string>> = {
  [JOIN_ERROR.bad_name]: 'name',
  [JOIN_ERROR.bad_request]: 'name',
  [JOIN_ERROR.locked]: 'locked',
  [JOIN_ERROR.name_taken]: 'taken',
  [JOIN_ERROR.name_banned]: 'banned',
  [JOIN_ERROR.seat]: 'seat',
  [JOIN_ERROR.ended]: 'ended',
  [JOIN_ERROR.game_full]: 'full',
  [JOIN_ERROR.too_many]: 'tooMany',
  [JOIN_ERROR.name_offensive]: 'offensive',
  [JOIN_ERROR.name_reserved]: 'reserved',
  [JOIN_ERROR.names_generated]: 'generated',
};

export function joinFailure(err: unknown, ctx: { code: string; host: string }): { key: string; vars: Record<string, string> } {
  const e = (err ?? {}) as { code?: unknown; message?: unknown };
  const code = typeof e.code === 'number' ? e.code : undefined;
  const message = typeof e.message === 'string' ? e.message.trim() : typeof err === 'string' ? err.trim() : '';
  const vars = { code: ctx.code, host: ctx.host, message: message || (code !== undefined ? `error ${code}` : 'no reason given') };
  const known = code !== undefined ? REFUSALS[code] : undefined;
  if (known) return { key: known, vars };
  if (/not found|invalid room|doesn't exist|no rooms/i.test(message)) return { key: 'notFound', vars };
  if (/expired/i.test(message) || code === 524) return { key: 'slow', vars };
  if (/locked/i.test(message)) return { key: 'full', vars };
  // A socket or a request that never got through: no code, or a socket closed without a reason.
  if (code === undefined || code === 1005 || code === 1006 || /fetch|network|connect|websocket|ECONN|timed? ?out|load failed/i.test(message)) return { key: 'network', vars };
  if (code >= 500 && code < 600) return { key: 'server', vars };
  return { key: 'unknown', vars };
}
