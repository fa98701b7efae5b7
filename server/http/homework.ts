// Homework over HTTP (docs/homework.md). The teacher turns a game into an assignment with the
// game's host token and gets a teacher token (once) for its results; students open its link, start
// an attempt with a nickname (the attempt token, once, is what lets that browser come back) and
// play it in a room this server opens for them (HomeworkRoom). Every refusal is JSON
// { error, reason }: a readable English sentence and a code the pages translate.
//
//   POST  /api/games/:code/homework          host token → 201 { id, teacherToken, url, deadline, finishBy }
//   GET   /api/homework/:id                  → AssignmentInfo (what the student's page shows first)
//   PATCH /api/homework/:id                  teacher token, { deadline } → AssignmentInfo
//   GET   /api/homework/:id/qr.svg           the link as a QR code
//   POST  /api/homework/:id/attempts         { name, previous?, lang? } → 201 AttemptTicket (with attemptToken)
//   POST  /api/homework/:id/attempts/resume  { attempt } → 200 AttemptTicket
//   GET   /api/homework/:id/attempts/mine    attempt token → { ticket, results }: the student's own results
//   GET   /api/homework/:id/results          teacher token → HomeworkResults (a game's results document)
//   POST  /api/homework/:id/downloads        teacher token → 201 { token, expiresInSeconds }
//   GET   /api/homework/:id/answers.csv, /scenarios.csv   ?dl=<download token> or teacher token
//
// Tokens come as `Authorization: Bearer` only, never in a URL (logs, history): a CSV link carries
// a 60-second download token instead, as a live game's does (results.ts).
import express, { type Request, type Response, type Router } from 'express';
import { matchMaker, type Presence } from '@colyseus/core';
import QRCode from 'qrcode';
import { z } from 'zod';
import { HOMEWORK } from '../../shared/constants.ts';
import {
  GAME_CODE_PATTERN,
  HOMEWORK_ID_PATTERN,
  HOMEWORK_ROOM_NAME,
  PLAYER_ID_BYTES,
  createAssignmentBody,
  resumeAttemptBody,
  startAttemptBody,
  updateAssignmentBody,
  type AttemptStatus,
  type AttemptTicket,
  type HomeworkRefusalCode,
} from '../../shared/protocol.ts';
import { normalizeName } from '../../shared/rules/game.ts';
import { screenTypedName } from '../../shared/rules/nicknames.ts';
import type { NameFilter } from '../../shared/rules/name-filter.ts';
import * as hw from '../../shared/rules/homework.ts';
import type { GameResults } from '../../shared/rules/results.ts';
import { pick } from '../../shared/i18n-types.ts';
import type { GameCodes } from '../codes.ts';
import type { Logger } from '../log.ts';
import type { Store, StoredAssignment, StartAttemptResult } from '../store/index.ts';
import { tokenMatchesHash } from '../store/index.ts';
import { newToken, sha256 } from '../tokens.ts';
import { SNAPSHOT_VERSION, reviveModel, type GameSnapshot } from '../rooms/persistence.ts';
import { attemptRoomKey, type AttemptRoomOptions } from '../rooms/HomeworkRoom.ts';
import { DOWNLOAD_SECONDS, answersCsvRows, bearer, downloadOpens, issueDownloadToken, scenariosCsvRows, sendCsv } from './results.ts';
import { publicBaseUrl } from './urls.ts';

export interface HomeworkDeps {
  readonly store: Store;
  readonly codes: GameCodes;
  readonly presence: Presence;
  readonly log: Logger;
  /** The nickname word lists (assets/names): attempts' names are screened as a live game's are. */
  readonly names: NameFilter;
  readonly isDraining: () => boolean;
  readonly publicUrl: string | undefined;
  readonly port: number;
  /** Timer overrides for attempts, as live games get them (config.ts). */
  readonly timing: hw.AttemptTiming;
  readonly now?: () => number;
}

/** How long a resume waits for another tab that is opening the same attempt, and how often it looks, in ms. */
const OPEN_WAIT_MS = 10_000;
const OPEN_POLL_MS = 100;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly reason: HomeworkRefusalCode,
    message: string,
  ) {
    super(message);
  }
}

function fail(res: Response, err: unknown, req: Request, log: Logger): void {
  if (err instanceof HttpError) {
    res.status(err.status).set('Cache-Control', 'no-store').json({ error: err.message, reason: err.reason });
    return;
  }
  (req.log ?? log).error({ err }, 'homework request failed');
  res.status(500).json({ error: 'The homework request could not be handled. Try again.', reason: 'bad_request' });
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.join('.') || 'body';
  const why = issue?.code === 'unrecognized_keys' ? `unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}` : (issue?.message ?? 'not valid');
  throw new HttpError(400, 'bad_request', `Invalid "${field}": ${why}`);
}

const STATUS: Record<Exclude<StartAttemptResult, { ok: true }>['reason'], [number, HomeworkRefusalCode, string]> = {
  not_found: [404, 'not_found', 'There is no such homework on this server.'],
  deadline_passed: [403, 'deadline_passed', 'The deadline for this homework has passed: no new attempts can start.'],
  too_many_attempts: [403, 'too_many_attempts', `This homework has had its ${HOMEWORK.maxAttempts} attempts.`],
  too_many_from_address: [429, 'too_many_attempts', `Too many attempts at this homework from this network (at most ${HOMEWORK.maxAttemptsPerAddress}).`],
  name_taken: [409, 'name_taken', 'That nickname is already playing this homework: pick another (or continue in the browser where you started).'],
  unfinished: [409, 'name_taken', 'Finish the attempt you started under this nickname first.'],
  replays_used: [403, 'too_many_attempts', `A nickname can play this homework at most ${HOMEWORK.maxAttemptsPerStudent} times.`],
};

export function createHomeworkRouter(deps: HomeworkDeps): Router {
  const router = express.Router();
  const now = deps.now ?? Date.now;
  const json = express.json({ limit: '2kb' });
  const linkFor = (req: Request, id: string) => `${publicBaseUrl(req, deps)}/homework/${id}`;

  async function assignmentOf(rawId: string): Promise<StoredAssignment<hw.AssignmentSetup>> {
    if (!HOMEWORK_ID_PATTERN.test(rawId)) throw new HttpError(404, 'not_found', 'There is no such homework on this server.');
    const a = await deps.store.homework.getAssignment<hw.AssignmentSetup>(rawId);
    if (!a) throw new HttpError(404, 'not_found', 'There is no such homework on this server.');
    return a;
  }

  async function teacherAssignment(req: Request<{ id: string }>, allowDownloadToken: boolean): Promise<StoredAssignment<hw.AssignmentSetup>> {
    const a = await assignmentOf(req.params.id);
    const opens = allowDownloadToken ? await downloadOpens(deps.presence, req, `hw:${a.id}`) : undefined;
    if (opens === true) return a;
    if (opens === false) throw new HttpError(403, 'bad_request', 'That download link has expired: download again from the results page.');
    if (typeof req.query.token === 'string') throw new HttpError(401, 'bad_request', 'A teacher token does not go in a URL (it would stay in logs and history): send it as Authorization: Bearer, or get a download link with POST /api/homework/<id>/downloads.');
    const token = bearer(req);
    if (!token) throw new HttpError(401, 'bad_request', "The homework's results need its teacher token (Authorization: Bearer <token>).");
    if (!tokenMatchesHash(token, a.teacherTokenHash)) throw new HttpError(403, 'bad_request', 'That teacher token does not open this homework.');
    return a;
  }

  /** The room an attempt is played in: the live one (any process's), else a new one from its saved state. */
  async function openRoom(attemptId: string): Promise<string> {
    const findLive = async () => {
      const code = await deps.presence.get(attemptRoomKey(attemptId));
      return typeof code === 'string' && (await matchMaker.query({ roomId: code })).length > 0 ? code : null;
    };
    const existing = await findLive();
    if (existing) return existing;
    // One opener per attempt, even when two tabs (or two processes) ask at once.
    const lock = `ua:hw:open:${attemptId}`;
    if ((await deps.presence.incr(lock)) !== 1) {
      const until = now() + OPEN_WAIT_MS;
      while (now() < until) {
        await new Promise((r) => setTimeout(r, OPEN_POLL_MS));
        const code = await findLive();
        if (code) return code;
      }
      throw new HttpError(503, 'busy', 'This homework is opening in another tab. Try again in a moment.');
    }
    await deps.presence.expire(lock, 30);
    try {
      const code = await deps.codes.claim();
      try {
        const options: AttemptRoomOptions = { grant: await deps.codes.grant(code), code, attemptId };
        await matchMaker.createRoom(HOMEWORK_ROOM_NAME, options);
      } catch (err) {
        await deps.codes.release(code);
        throw err;
      }
      return code;
    } finally {
      await deps.presence.del(lock);
    }
  }

  const ticketOf = (a: { id: string; name: string; attemptNo: number; status: string; score: number }, roomId: string | null, attemptToken?: string): AttemptTicket => ({
    attemptId: a.id,
    ...(attemptToken ? { attemptToken } : {}),
    roomId,
    name: a.name,
    attempt: a.attemptNo,
    status: a.status as AttemptStatus,
    score: a.score,
  });

  // ---------- the teacher ----------

  router.post('/games/:code/homework', json, async (req: Request<{ code: string }>, res) => {
    try {
      if (deps.isDraining()) throw new HttpError(503, 'busy', 'This server is restarting. Try again in a minute.');
      const code = req.params.code.toUpperCase();
      if (!GAME_CODE_PATTERN.test(code)) throw new HttpError(404, 'not_found', `There is no game with the code "${req.params.code.slice(0, 12)}".`);
      const checkpoint = await deps.store.games.loadCheckpoint<GameSnapshot>(code);
      if (!checkpoint) throw new HttpError(404, 'not_found', `There is no game ${code} on this server (or it is not saved yet: try again in a moment).`);
      const token = bearer(req);
      if (!token) throw new HttpError(401, 'bad_request', "Assigning a game as homework needs the game's host token (Authorization: Bearer <token>).");
      if (!tokenMatchesHash(token, checkpoint.hostTokenHash)) throw new HttpError(403, 'bad_request', `That host token does not open game ${code}.`);
      if (checkpoint.snapshot?.v !== SNAPSHOT_VERSION) throw new HttpError(409, 'bad_request', `Game ${code} was saved by another version of the server and cannot be assigned.`);
      const body = parse(createAssignmentBody, req.body);
      const t = now();
      const bad = hw.deadlineRefusal(body.deadline, t);
      if (bad) throw new HttpError(400, bad.reason, bad.error);
      const setup = hw.setupFromGame(reviveModel(checkpoint.snapshot.model), body.speedScoring ?? false);
      if (setup.plan.rounds.length === 0) throw new HttpError(400, 'bad_request', 'This game has no rounds to assign.');
      const { id, teacherToken } = await deps.store.homework.createAssignment({ sourceGame: code, title: pick(setup.plan.title, setup.lang), lang: setup.lang, setup, deadline: body.deadline });
      (req.log ?? deps.log).info({ code, assignmentId: id }, 'homework assigned');
      res.status(201).set('Cache-Control', 'no-store').json({ id, teacherToken, url: linkFor(req, id), deadline: body.deadline, finishBy: hw.finishBy(body.deadline) });
    } catch (err) {
      fail(res, err, req, deps.log);
    }
  });

  router.patch('/homework/:id', json, async (req: Request<{ id: string }>, res) => {
    try {
      const a = await teacherAssignment(req, false);
      const body = parse(updateAssignmentBody, req.body);
      const bad = hw.deadlineRefusal(body.deadline, now(), { allowPast: true });
      if (bad) throw new HttpError(400, bad.reason, bad.error);
      const r = await deps.store.homework.setDeadline(a.id, bearer(req)!, body.deadline);
      if (r !== 'ok') throw new HttpError(404, 'not_found', 'There is no such homework on this server.');
      res.set('Cache-Control', 'no-store').json(hw.assignmentInfo(a.id, a.setup, body.deadline, now()));
    } catch (err) {
      fail(res, err, req, deps.log);
    }
  });

  async function teacherResults(req: Request<{ id: string }>, allowDownloadToken: boolean): Promise<hw.HomeworkResults> {
    const a = await teacherAssignment(req, allowDownloadToken);
    const attempts = await deps.store.homework.listAttempts<GameResults>(a.id);
    const records: hw.AttemptRecord[] = attempts.map((x) => ({ id: x.id, name: x.name, attempt: x.attemptNo, status: x.status as AttemptStatus, startedAt: x.startedAt, updatedAt: x.updatedAt, finishedAt: x.finishedAt, results: x.results }));
    return hw.assignmentResults({ id: a.id, sourceGame: a.sourceGame, setup: a.setup, deadline: a.deadline, createdAt: a.createdAt }, records, now());
  }

  router.get('/homework/:id/results', async (req: Request<{ id: string }>, res) => {
    try {
      res.set('Cache-Control', 'no-store').json(await teacherResults(req, false));
    } catch (err) {
      fail(res, err, req, deps.log);
    }
  });

  router.post('/homework/:id/downloads', async (req: Request<{ id: string }>, res) => {
    try {
      const a = await teacherAssignment(req, false);
      const token = await issueDownloadToken(deps.presence, `hw:${a.id}`);
      res.status(201).set('Cache-Control', 'no-store').json({ token, expiresInSeconds: DOWNLOAD_SECONDS });
    } catch (err) {
      fail(res, err, req, deps.log);
    }
  });

  router.get('/homework/:id/answers.csv', async (req: Request<{ id: string }>, res) => {
    try {
      const r = await teacherResults(req, true);
      sendCsv(res, `uptime-arena-homework-${r.code}-answers.csv`, answersCsvRows(r));
    } catch (err) {
      fail(res, err, req, deps.log);
    }
  });

  router.get('/homework/:id/scenarios.csv', async (req: Request<{ id: string }>, res) => {
    try {
      const r = await teacherResults(req, true);
      sendCsv(res, `uptime-arena-homework-${r.code}-scenarios.csv`, scenariosCsvRows(r));
    } catch (err) {
      fail(res, err, req, deps.log);
    }
  });

  // ---------- the student ----------

  router.get('/homework/:id', async (req: Request<{ id: string }>, res) => {
    try {
      const a = await assignmentOf(req.params.id);
      res.set('Cache-Control', 'no-store').json(hw.assignmentInfo(a.id, a.setup, a.deadline, now()));
    } catch (err) {
      fail(res, err, req, deps.log);
    }
  });

  router.get('/homework/:id/qr.svg', async (req: Request<{ id: string }>, res) => {
    try {
      const a = await assignmentOf(req.params.id);
      const svg = await QRCode.toString(linkFor(req, a.id), { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
      res.type('image/svg+xml').set('Cache-Control', 'no-store').send(svg);
    } catch (err) {
      fail(res, err, req, deps.log);
    }
  });

  router.post('/homework/:id/attempts', json, async (req: Request<{ id: string }>, res) => {
    try {
      if (deps.isDraining()) throw new HttpError(503, 'busy', 'This server is restarting. Try again in a minute.');
      const a = await assignmentOf(req.params.id);
      const body = parse(startAttemptBody, req.body);
      const late = hw.startRefusal(a.deadline, now());
      if (late) throw new HttpError(403, late.reason, late.error);
      const name = hw.attemptName(body.name);
      if (!name.ok) throw new HttpError(400, 'bad_name', name.reason);
      // The class's word lists apply at home too: no offensive name, none that passes for the teacher.
      const screened = screenTypedName(name.value, deps.names);
      if (!screened.ok) throw new HttpError(400, screened.code === 'name_offensive' ? 'name_offensive' : 'name_reserved', screened.reason);
      const playerId = newToken(PLAYER_ID_BYTES);
      const started = await deps.store.homework.startAttempt(
        {
          assignmentId: a.id,
          name: name.value,
          nameKey: normalizeName(name.value),
          // The address only as a hash salted with the assignment: enough to bound, nothing to trace.
          addressKey: sha256(`${a.id}:${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`),
          previousToken: body.previous,
          limits: { perAssignment: HOMEWORK.maxAttempts, perAddress: HOMEWORK.maxAttemptsPerAddress, perStudent: HOMEWORK.maxAttemptsPerStudent },
        },
        (attemptId) => {
          const model = hw.createAttempt(a.setup, { id: attemptId, playerId, name: name.value }, deps.timing);
          if (!model.ok) throw new Error(model.reason);
          return { v: SNAPSHOT_VERSION, model: model.value, seats: [] } satisfies GameSnapshot;
        },
      );
      if (!started.ok) {
        const [status, reason, error] = STATUS[started.reason];
        throw new HttpError(status, reason, error);
      }
      const roomId = await openRoom(started.id);
      (req.log ?? deps.log).info({ assignmentId: a.id, attemptId: started.id }, 'homework attempt started');
      res
        .status(201)
        .set('Cache-Control', 'no-store')
        .json(ticketOf({ id: started.id, name: name.value, attemptNo: started.attemptNo, status: 'playing', score: 0 }, roomId, started.token));
    } catch (err) {
      fail(res, err, req, deps.log);
    }
  });

  router.post('/homework/:id/attempts/resume', json, async (req: Request<{ id: string }>, res) => {
    try {
      const a = await assignmentOf(req.params.id);
      const body = parse(resumeAttemptBody, req.body);
      const attempt = await deps.store.homework.findAttempt(a.id, body.attempt);
      if (!attempt) throw new HttpError(404, 'unknown_attempt', 'This browser has no attempt at this homework: start one with a nickname.');
      if (attempt.status !== 'playing') {
        res.set('Cache-Control', 'no-store').json(ticketOf(attempt, null));
        return;
      }
      const closed = hw.resumeRefusal(a.deadline, now());
      if (closed) throw new HttpError(403, closed.reason, closed.error);
      if (deps.isDraining()) throw new HttpError(503, 'busy', 'This server is restarting. Try again in a minute.');
      res.set('Cache-Control', 'no-store').json(ticketOf(attempt, await openRoom(attempt.id)));
    } catch (err) {
      fail(res, err, req, deps.log);
    }
  });

  router.get('/homework/:id/attempts/mine', async (req: Request<{ id: string }>, res) => {
    try {
      const a = await assignmentOf(req.params.id);
      const token = bearer(req);
      const attempt = token ? await deps.store.homework.findAttempt(a.id, token) : undefined;
      if (!attempt) throw new HttpError(404, 'unknown_attempt', 'This browser has no attempt at this homework.');
      const results = await deps.store.homework.attemptResults<GameResults>(attempt.id);
      res.set('Cache-Control', 'no-store').json({ ticket: ticketOf(attempt, null), results });
    } catch (err) {
      fail(res, err, req, deps.log);
    }
  });

  return router;
}
