// A game's results, later, with its host token: GET /api/games/:code/results (the GameResults
// document the room saves at each checkpoint), /answers.csv (one row per player and question) and
// /scenarios.csv (one row per team and scenario round). The token comes as `Authorization: Bearer`
// or, for the CSVs only, as ?token= so a plain download link works (the request log never writes
// query strings). It is checked against the SHA-256 the room stored with its checkpoint.
// Errors are JSON { error } with a readable reason: 404 unknown game or no results yet, 401 no
// token, 403 wrong token.
import express, { type Request, type Response, type Router } from 'express';
import { stringify } from 'csv-stringify/sync';
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

async function authorizedResults(store: Store, req: Request<{ code: string }>, allowQueryToken: boolean): Promise<GameResults> {
  const code = req.params.code.toUpperCase();
  if (!codePattern.test(code)) throw new HttpError(404, `There is no game with the code "${req.params.code.slice(0, 12)}".`);
  const checkpoint = await store.games.loadCheckpoint(code);
  if (!checkpoint) throw new HttpError(404, `There is no game ${code} on this server.`);
  const query = allowQueryToken && typeof req.query.token === 'string' ? req.query.token : undefined;
  const token = bearer(req) ?? query;
  if (!token) throw new HttpError(401, "The results need the game's host token (Authorization: Bearer <token>).");
  if (!tokenMatchesHash(token, checkpoint.hostTokenHash)) throw new HttpError(403, `That host token does not open game ${code}.`);
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

/**
 * A text cell a spreadsheet would run as a formula (=, +, -, @, or a tab or carriage return first:
 * OWASP's list) gets a leading apostrophe, so a nickname such as =HYPERLINK(…) stays text.
 * Numbers stay numbers.
 */
export function neutralizeCell(cell: unknown): unknown {
  return typeof cell === 'string' && /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

export function sendCsv(res: Response, filename: string, rows: readonly (readonly unknown[])[]): void {
  // Comma, CRLF and a UTF-8 BOM: what Excel opens with accents intact (as the set export does).
  const csv = `\uFEFF${stringify(rows.map((row) => row.map(neutralizeCell)), { record_delimiter: 'windows' })}`;
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

export function createResultsRouter(store: Store): Router {
  const router = express.Router();

  router.get('/:code/results', async (req: Request<{ code: string }>, res) => {
    try {
      const results = await authorizedResults(store, req, false);
      res.set('Cache-Control', 'no-store').json(results);
    } catch (err) {
      fail(res, err, req);
    }
  });

  router.get('/:code/answers.csv', async (req: Request<{ code: string }>, res) => {
    try {
      const results = await authorizedResults(store, req, true);
      sendCsv(res, `uptime-arena-${results.code}-answers.csv`, answersCsvRows(results));
    } catch (err) {
      fail(res, err, req);
    }
  });

  router.get('/:code/scenarios.csv', async (req: Request<{ code: string }>, res) => {
    try {
      const results = await authorizedResults(store, req, true);
      sendCsv(res, `uptime-arena-${results.code}-scenarios.csv`, scenariosCsvRows(results));
    } catch (err) {
      fail(res, err, req);
    }
  });

  return router;
}
