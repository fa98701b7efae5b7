// The only module that talks to the Colyseus SDK and the HTTP API. Pages call these functions;
// scenes never touch the network.
import { Client, type Room } from '@colyseus/sdk';
import { GAME } from '../../../shared/constants.ts';
import type { ClientMessage, ClientMessageType, HomeworkMessage, HomeworkMessageType, ServerMessages } from '../../../shared/protocol.ts';
import type { CustomPlanInput } from '../../../shared/rules/custom-plan.ts';
import { reachableSocketUrl, serverEndpoint, type PageAddress } from './endpoint.ts';

export type GameRoom = Room<any, any>;

/** The SDK client of a page at `page`: requests to the page's own origin, sockets where a phone can reach them. */
export function sdkClientFor(page: PageAddress): Client {
  return new Client(serverEndpoint(page), { urlBuilder: (url) => reachableSocketUrl(url, page).href });
}

let client: Client | undefined;
function sdk(): Client {
  client ??= sdkClientFor({ protocol: location.protocol, host: location.host });
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

/** A homework attempt's room (server/rooms/HomeworkRoom.ts), opened with the attempt token this browser keeps. */
export async function joinAttempt(roomId: string, attemptToken: string): Promise<GameRoom> {
  return sdk().joinById(roomId, { attempt: attemptToken });
}

export function sendHomework<T extends HomeworkMessageType>(room: GameRoom, type: T, message: HomeworkMessage<T>): void {
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
export async function createGame(body: { lang: string; teams: number; plan: string | CustomPlanInput; setId?: string; speedScoring?: boolean; nicknames?: 'typed' | 'generated'; holdNames?: boolean }): Promise<CreatedGame> {
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
