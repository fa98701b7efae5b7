// A game's results, later, with its host token: GET /api/games/:code/results (the GameResults
// document the room saves at each checkpoint), /answers.csv (one row per player and question) and
// /scenarios.csv (one row per team and scenario round). The host token comes as `Authorization:
// Bearer` only, checked against the SHA-256 the room stored with its checkpoint: a token in a URL
// ends up in proxies' access logs and the browser's history. For a plain download link, POST
// /api/games/:code/downloads (with the host token) answers a download token that opens this game's
// CSVs for DOWNLOAD_SECONDS (?dl=…), kept hashed in the presence.
// Errors are JSON { error } with a readable reason: 404 unknown game or no results yet, 401 no
// token, 403 wrong token.
import express, { type Request, type Response, type Router } from 'express';
import { stringify } from 'csv-stringify/sync';
import type { Presence } from '@colyseus/core';
import { newToken, sha256 } from '../tokens.ts';
import { spreadsheetSafe } from '../csv-safe.ts';
import { GAME } from '../../shared/constants.ts';
import { lookup } from '../../shared/i18n/index.ts';
import type { Lang } from '../../shared/i18n-types.ts';
import type { GameResults } from '../../shared/rules/results.ts';
import { answerInWords, correctness, rightAnswerInWords } from '../../shared/rules/debrief.ts';
import { faultInWords, roundClock, targetInWords } from '../../shared/rules/fault-catalog.ts';
import { isTeacherFault } from '../../shared/rules/scenario.ts';
import type { Store } from '../store/index.ts';
import { tokenMatchesHash } from '../store/index.ts';

/** The result kind the room saves its GameResults document under. */
export const RESULTS_KIND = 'results';

const codePattern = new RegExp(`^[${GAME.codeAlphabet}]{${GAME.codeLength}}$`);

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function bearer(req: Request): string | undefined {
  const auth = req.get('authorization');
  return (auth && /^Bearer\s+(\S+)\s*$/i.exec(auth)?.[1]) || undefined;
}

/** How long a download token opens a game's CSVs, in seconds. */
export const DOWNLOAD_SECONDS = 60;
const downloadKey = (token: string) => `ua:dl:${sha256(token)}`;

/** A download token for `scope` (a game's code, a homework's `hw:ID`), valid DOWNLOAD_SECONDS; only its hash is kept. */
export async function issueDownloadToken(presence: Presence, scope: string): Promise<string> {
  const token = newToken();
  await presence.setex(downloadKey(token), scope, DOWNLOAD_SECONDS);
  return token;
}

/** Whether the request's ?dl= opens `scope`: true, false (expired or someone else's), or undefined when it has none. */
export async function downloadOpens(presence: Presence, req: Request, scope: string): Promise<boolean | undefined> {
  const dl = typeof req.query.dl === 'string' ? req.query.dl : undefined;
  if (dl === undefined || dl.length > 64) return undefined;
  return (await presence.get(downloadKey(dl))) === scope;
}

async function authorizedGame(store: Store, req: Request<{ code: string }>, downloads?: Presence): Promise<string> {
  const code = req.params.code.toUpperCase();
  if (!codePattern.test(code)) throw new HttpError(404, `There is no game with the code "${req.params.code.slice(0, 12)}".`);
  const checkpoint = await store.games.loadCheckpoint(code);
  if (!checkpoint) throw new HttpError(404, `There is no game ${code} on this server.`);
  const opens = downloads && (await downloadOpens(downloads, req, code));
  if (opens === true) return code;
  if (opens === false) throw new HttpError(403, `That download link for game ${code} has expired: download again from the results page.`);
  if (typeof req.query.token === 'string') throw new HttpError(401, "A host token does not go in a URL (it would stay in logs and history): send it as Authorization: Bearer, or get a download link with POST /api/games/<code>/downloads.");
  const token = bearer(req);
  if (!token) throw new HttpError(401, "The results need the game's host token (Authorization: Bearer <token>).");
  if (!tokenMatchesHash(token, checkpoint.hostTokenHash)) throw new HttpError(403, `That host token does not open game ${code}.`);
  return code;
}

async function authorizedResults(store: Store, req: Request<{ code: string }>, downloads?: Presence): Promise<GameResults> {
  const code = await authorizedGame(store, req, downloads);
  const [stored] = await store.games.getResults<GameResults>(code, RESULTS_KIND);
  if (!stored) throw new HttpError(404, `Game ${code} has no results yet: they are saved from the first reveal on.`);
  return stored.body;
}

function fail(res: Response, err: unknown, req: Request): void {
  if (err instanceof HttpError) {
    res.status(err.status).json({ error: err.message });
    return;
  }
  req.log?.error({ err }, 'results request failed');
  res.status(500).json({ error: 'The results could not be read. Try again.' });
}

export function sendCsv(res: Response, filename: string, rows: readonly (readonly unknown[])[]): void {
  // Comma, CRLF and a UTF-8 BOM: what Excel opens with accents intact (as the set export does).
  // Nicknames and answers are anyone's text: nothing in them may run as a formula (csv-safe.ts).
  const safe = rows.map((r) => r.map(spreadsheetSafe));
  const csv = `\uFEFF${stringify(safe, { record_delimiter: 'windows' })}`;
  res.set('Cache-Control', 'no-store').attachment(filename).type('text/csv; charset=utf-8').send(csv);
}

const text = (lang: Lang, key: string, vars: Record<string, string | number> = {}): string =>
  (lookup(lang, key) ?? key).replace(/\{\{(\w+)\}\}/g, (_m, k: string) => String(vars[k] ?? ''));

/** "Team Routers": the catalog's team names are an array; lookup() walks it by index. A document's own names win (homework: each attempt's student). */
const teamName = (r: Pick<GameResults, 'lang' | 'teamNames'>, team: number): string =>
  r.teamNames?.[team] ?? text(r.lang, 'teams.team', { name: lookup(r.lang, `teams.names.${team}`) ?? String(team + 1) });

const round2 = (x: number) => Math.round(x * 100) / 100;

/** One row per player and question: every player listed in the results, answered or not. */
export function answersCsvRows(r: GameResults): unknown[][] {
  const L = r.lang;
  const h = (k: string) => text(L, `results.csv.${k}`);
  const header = ['code', 'round', 'question', 'topic', 'questionText', 'rightAnswer', 'player', 'team', 'answer', 'correct', 'credit', 'points', 'seconds'].map(h);
  const rows: unknown[][] = [header];
  const verdict = { right: h('yes'), partial: h('partly'), wrong: h('no'), none: '' } as const;
  const players = new Map(r.players.map((p) => [p.id, p]));
  for (const q of r.questions) {
    const byPlayer = new Map(q.answers.map((a) => [a.playerId, a]));
    const ids = [...r.players.map((p) => p.id), ...q.answers.map((a) => a.playerId).filter((id) => !players.has(id))];
    for (const id of ids) {
      const p = players.get(id);
      const a = byPlayer.get(id);
      rows.push([
        r.code,
        q.round + 1,
        q.index + 1,
        q.topic ? text(L, `topic.${q.topic}`) : '',
        q.text,
        rightAnswerInWords(q),
        p?.name ?? id,
        p ? teamName(r, p.team) : '',
        a ? answerInWords(q, a.answer) : '',
        a ? verdict[correctness(q, a.credit)] : q.skipped ? '' : h('noAnswer'),
        a ? round2(a.credit) : 0,
        a ? a.points : 0,
        a ? Math.round(a.elapsedMs / 100) / 10 : '',
      ]);
    }
  }
  return rows;
}

/** One row per team and scenario round; the teacher's faults that reached the team are listed with their round time. */
export function scenariosCsvRows(r: GameResults): unknown[][] {
  const L = r.lang;
  const h = (k: string) => text(L, `results.csv.${k}`);
  const header = ['code', 'round', 'scenario', 'team', 'availability', 'p95', 'cost', 'score', 'points', 'rank', 'credits', 'actions', 'incidents', 'details', 'injected'].map(h);
  const tr = (key: string, vars?: Record<string, string | number>) => text(L, key, vars);
  const rows: unknown[][] = [header];
  const secs = (s: number | null) => (s === null ? h('never') : text(L, 'results.csv.secondsValue', { s }));
  for (const s of r.scenarios) {
    for (const t of s.teams) {
      const rep = t.report;
      rows.push([
        r.code,
        s.round + 1,
        s.title,
        teamName(r, t.team),
        round2(rep.availability * 100),
        rep.p95LatencyMs,
        rep.cost,
        rep.score,
        t.points,
        t.rankAfter,
        rep.creditsSpent,
        t.log.filter((e) => !isTeacherFault(e)).length,
        rep.incidents.length,
        rep.incidents.map((i) => text(L, 'results.csv.incident', { cause: text(L, `ops.causes.${i.cause}`), ttd: secs(i.timeToDetect), ttr: secs(i.timeToRecover) })).join('; '),
        t.log
          .filter(isTeacherFault)
          .map((f) => `${roundClock(f.roundMs)} ${faultInWords(f, tr)} → ${targetInWords(f, tr, (team) => teamName(r, team))}`)
          .join('; '),
      ]);
    }
  }
  return rows;
}

export function createResultsRouter(store: Store, presence?: Presence): Router {
  const router = express.Router();

  router.post('/:code/downloads', async (req: Request<{ code: string }>, res) => {
    try {
      if (!presence) throw new HttpError(404, 'Download links are not available here.');
      const code = await authorizedGame(store, req);
      const token = await issueDownloadToken(presence, code);
      res.status(201).set('Cache-Control', 'no-store').json({ token, expiresInSeconds: DOWNLOAD_SECONDS });
    } catch (err) {
      fail(res, err, req);
    }
  });

  router.get('/:code/results', async (req: Request<{ code: string }>, res) => {
    try {
      const results = await authorizedResults(store, req);
      res.set('Cache-Control', 'no-store').json(results);
    } catch (err) {
      fail(res, err, req);
    }
  });

  router.get('/:code/answers.csv', async (req: Request<{ code: string }>, res) => {
    try {
      const results = await authorizedResults(store, req, presence);
      sendCsv(res, `uptime-arena-${results.code}-answers.csv`, answersCsvRows(results));
    } catch (err) {
      fail(res, err, req);
    }
  });

  router.get('/:code/scenarios.csv', async (req: Request<{ code: string }>, res) => {
    try {
      const results = await authorizedResults(store, req, presence);
      sendCsv(res, `uptime-arena-${results.code}-scenarios.csv`, scenariosCsvRows(results));
    } catch (err) {
      fail(res, err, req);
    }
  });

  return router;
}
