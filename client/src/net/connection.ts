// The only module that talks to the Colyseus SDK and the HTTP API. Pages call these functions;
// scenes never touch the network.
import { Client, type Room } from '@colyseus/sdk';
import { GAME } from '../../../shared/constants.ts';
import { JOIN_ERROR } from '../../../shared/codes.ts';
import type { ClientMessage, ClientMessageType, ServerMessages } from '../../../shared/protocol.ts';
import type { CustomPlanInput } from '../../../shared/rules/custom-plan.ts';

export type GameRoom = Room<any, any>;

let client: Client | undefined;
function sdk(): Client {
  client ??= new Client(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}`);
  return client;
}

export const CODE_PATTERN = new RegExp(`^[${GAME.codeAlphabet}]{${GAME.codeLength}}$`);

export async function joinPlayer(code: string, options: { name?: string; seat?: string }): Promise<GameRoom> {
  return sdk().joinById(code, options);
}

export async function joinHost(code: string, hostToken: string): Promise<GameRoom> {
  return sdk().joinById(code, { hostToken });
}

export function send<T extends ClientMessageType>(room: GameRoom, type: T, message: ClientMessage<T>): void {
  room.send(type as never, message as never);
}

export function on<T extends keyof ServerMessages>(room: GameRoom, type: T, handler: (message: ServerMessages[T]) => void): void {
  room.onMessage(type as never, handler as never);
}

export interface CreatedGame {
  code: string;
  hostToken: string;
  joinUrl: string;
}

/** POST /api/games: a built-in plan id or a teacher's plan, optionally with a question set. */
export async function createGame(body: { lang: string; teams: number; plan: string | CustomPlanInput; setId?: string }): Promise<CreatedGame> {
  const res = await fetch('/api/games', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await res.json().catch(() => ({}))) as Partial<CreatedGame> & { error?: string };
  if (res.status !== 201 || !json.code || !json.hostToken) throw new Error(json.error ?? `HTTP ${res.status}`);
  return json as CreatedGame;
}

export async function joinUrl(code: string): Promise<string> {
  const res = await fetch(`/api/games/${code}/join-url`);
  const json = (await res.json()) as { joinUrl?: string };
  return json.joinUrl ?? `${location.origin}/?code=${code}`;
}

/** The catalog key (under join.errors) for a refused join. */
export function joinErrorKey(err: unknown): { key: string; message: string } {
  const e = err as { code?: number; message?: string };
  const message = e?.message ?? String(err);
  const byCode: Record<number, string> = {
    [JOIN_ERROR.bad_name]: 'name',
    [JOIN_ERROR.locked]: 'locked',
    [JOIN_ERROR.name_taken]: 'taken',
    [JOIN_ERROR.name_banned]: 'banned',
    [JOIN_ERROR.seat]: 'seat',
    [JOIN_ERROR.ended]: 'ended',
    [JOIN_ERROR.game_full]: 'full',
  };
  if (e?.code !== undefined && byCode[e.code]) return { key: byCode[e.code]!, message };
  if (/not found|invalid room|doesn't exist|no rooms/i.test(message)) return { key: 'notFound', message };
  if (/fetch|network|connect|websocket|ECONN/i.test(message) || e?.code === 1006) return { key: 'network', message };
  return { key: 'unknown', message };
}

/** Seats and host tokens kept in this browser, so a reload or a restart finds its way back. */
export const memory = {
  seat(code: string): { seat: string; name: string } | null {
    try {
      return JSON.parse(localStorage.getItem(`ua:seat:${code}`) ?? 'null');
    } catch {
      return null;
    }
  },
  saveSeat(code: string, seat: string, name: string): void {
    localStorage.setItem(`ua:seat:${code}`, JSON.stringify({ seat, name }));
    localStorage.setItem('ua:last-code', code);
  },
  forgetSeat(code: string): void {
    localStorage.removeItem(`ua:seat:${code}`);
  },
  lastCode(): string | null {
    return localStorage.getItem('ua:last-code');
  },
  host(): { code: string; hostToken: string } | null {
    try {
      return JSON.parse(localStorage.getItem('ua:host') ?? 'null');
    } catch {
      return null;
    }
  },
  saveHost(code: string, hostToken: string): void {
    localStorage.setItem('ua:host', JSON.stringify({ code, hostToken }));
  },
  forgetHost(): void {
    localStorage.removeItem('ua:host');
  },
};
