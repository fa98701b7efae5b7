// The homework page's HTTP calls (server/http/homework.ts) and what this browser keeps: the attempt
// token of each homework it started (as a phone keeps its seat token), so a reload, a phone that
// slept or the next day come back to the same attempt.
import type { AssignmentInfo, AttemptTicket, HomeworkRefusalCode } from '../../../shared/protocol.ts';
import type { GameResults } from '../../../shared/rules/results.ts';

/** A refused request: the server's code (the page translates it), and its English reason. */
export class HomeworkError extends Error {
  constructor(
    readonly reason: HomeworkRefusalCode | 'network' | 'unknown',
    message: string,
  ) {
    super(message);
  }
}

async function request<T>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      cache: 'no-store',
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    throw new HomeworkError('network', err instanceof Error ? err.message : String(err));
  }
  const json = (await res.json().catch(() => ({}))) as { error?: string; reason?: HomeworkRefusalCode };
  if (res.ok) return json as T;
  // (a rate limit answers without a code: "too many requests, try again in N seconds")
  throw new HomeworkError(json.reason ?? (res.status === 429 ? 'busy' : res.status === 404 ? 'not_found' : 'unknown'), json.error ?? `HTTP ${res.status}`);
}

export const getAssignment = (id: string) => request<AssignmentInfo>('GET', `/api/homework/${encodeURIComponent(id)}`);
export const startAttempt = (id: string, name: string, previous?: string) =>
  request<AttemptTicket>('POST', `/api/homework/${encodeURIComponent(id)}/attempts`, { name, ...(previous ? { previous } : {}) });
export const resumeAttempt = (id: string, token: string) => request<AttemptTicket>('POST', `/api/homework/${encodeURIComponent(id)}/attempts/resume`, { attempt: token });
export const myResults = (id: string, token: string) => request<{ ticket: AttemptTicket; results: GameResults | null }>('GET', `/api/homework/${encodeURIComponent(id)}/attempts/mine`, undefined, token);

export interface KeptAttempt {
  readonly token: string;
  readonly name: string;
  readonly attemptId: string;
  readonly attempt: number;
}

const key = (id: string) => `ua:hw:${id}`;

/** This browser's attempt at each homework (localStorage; a browser that refuses storage just cannot come back). */
export const kept = {
  get(id: string): KeptAttempt | null {
    try {
      const k = JSON.parse(localStorage.getItem(key(id)) ?? 'null') as Partial<KeptAttempt> | null;
      return k && typeof k.token === 'string' && typeof k.name === 'string' ? (k as KeptAttempt) : null;
    } catch {
      return null;
    }
  },
  save(id: string, k: KeptAttempt): void {
    try {
      localStorage.setItem(key(id), JSON.stringify(k));
    } catch {
      // private mode: the attempt still plays, it just cannot be resumed from here
    }
  },
  forget(id: string): void {
    try {
      localStorage.removeItem(key(id));
    } catch {
      // nothing kept
    }
  },
};

/** The assignment id in this page's address: /homework/<id>. */
export function assignmentIdFromPath(path = location.pathname): string | null {
  const id = path.split('/')[2] ?? '';
  return /^[A-Za-z0-9_-]{12}$/.test(id) ? id : null;
}
