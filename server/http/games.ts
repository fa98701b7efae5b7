// POST /api/games creates a game: it claims a fresh join code, creates the room (whose id is
// the code) and returns the host token once. GET /api/games/:code/qr.svg draws the join QR.
import express, { type Request, type Router } from 'express';
import { matchMaker } from '@colyseus/core';
import QRCode from 'qrcode';
import { z } from 'zod';
import { GAME } from '../../shared/constants.ts';
import { ROOM_NAME } from '../../shared/protocol.ts';
import { DEFAULT_PLAN_ID } from '../../shared/rules/plans.ts';
import { customPlanSchema, setIdSchema, type CustomPlan } from '../../shared/rules/custom-plan.ts';
import type { Planner } from '../content/planner.ts';
import type { CreateGameOptions } from '../rooms/ClassroomRoom.ts';
import type { GameCodes } from '../codes.ts';
import type { Logger } from '../log.ts';
import { newToken, sha256 } from '../tokens.ts';
import { joinUrlFor } from './urls.ts';

const createGameBody = z
  .object({
    /** A built-in plan id, or a teacher's plan object (checked below with customPlanSchema). */
    plan: z.union([z.string().max(64), z.record(z.string(), z.unknown())]).optional(),
    /** A stored question set played in the plan's quiz rounds. */
    setId: setIdSchema.optional(),
    lang: z.enum(['es', 'en']).optional(),
    teams: z.number().int().min(GAME.minTeams).max(GAME.maxTeams).optional(),
  })
  .strict();

const codePattern = new RegExp(`^[${GAME.codeAlphabet}]{${GAME.codeLength}}$`);

/** Why new games and sets are refused while the store cannot take writes. */
export const STORAGE_REFUSAL =
  'This server cannot save anything right now (its disk is full or its database cannot be written), so it is not starting new games. Games already running go on. Tell whoever runs the server.';

export interface GamesDeps {
  readonly codes: GameCodes;
  readonly log: Logger;
  readonly planner: Planner;
  readonly isDraining: () => boolean;
  /** False while the store cannot take writes (server/store/health.ts): no new games then. */
  readonly canSave?: () => boolean;
  readonly publicUrl: string | undefined;
  readonly port: number;
  readonly randomSeed: () => number;
}

export function createGamesRouter(deps: GamesDeps): Router {
  const router = express.Router();

  router.post('/', express.json({ limit: '4kb' }), async (req, res) => {
    if (deps.isDraining()) {
      res.status(503).json({ error: 'This server is restarting and not accepting new games. Try again in a minute.' });
      return;
    }
    if (deps.canSave && !deps.canSave()) {
      res.status(503).set('Retry-After', '60').json({ error: STORAGE_REFUSAL });
      return;
    }
    const parsed = createGameBody.safeParse(req.body ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.') || 'body';
      res.status(400).json({ error: `Invalid "${field}": ${describeIssue(issue)}` });
      return;
    }
    let plan: string | CustomPlan = DEFAULT_PLAN_ID;
    if (typeof parsed.data.plan === 'string') plan = parsed.data.plan;
    else if (parsed.data.plan !== undefined) {
      const custom = customPlanSchema.safeParse(parsed.data.plan);
      if (!custom.success) {
        const issue = custom.error.issues[0];
        res.status(400).json({ error: `Invalid "${['plan', ...(issue?.path ?? [])].join('.')}": ${describeIssue(issue)}` });
        return;
      }
      plan = custom.data;
    }
    const planId = typeof plan === 'string' ? plan : plan.kind;
    const seed = deps.randomSeed();
    const planned = await deps.planner.plan({ plan, setId: parsed.data.setId }, seed);
    if (!planned.ok) {
      res.status(400).json({ error: planned.error });
      return;
    }
    const code = await deps.codes.claim();
    const hostToken = newToken();
    try {
      const options: CreateGameOptions = {
        grant: await deps.codes.grant(code),
        code,
        hostTokenHash: sha256(hostToken),
        lang: parsed.data.lang ?? 'es',
        teams: parsed.data.teams ?? GAME.defaultTeams,
        seed,
        setup: planned.setup,
      };
      await matchMaker.createRoom(ROOM_NAME, options);
    } catch (err) {
      await deps.codes.release(code);
      deps.log.error({ err, code }, 'could not create a game');
      res.status(500).json({ error: 'The game could not be created. Try again.' });
      return;
    }
    deps.log.info({ code, planId }, 'game created');
    res.status(201).json({ code, hostToken, joinUrl: joinUrlFor(req, code, deps) });
  });

  router.get('/:code/qr.svg', async (req: Request<{ code: string }>, res) => {
    const code = req.params.code.toUpperCase();
    if (!codePattern.test(code)) {
      res.status(400).json({ error: 'That is not a game code.' });
      return;
    }
    const svg = await QRCode.toString(joinUrlFor(req, code, deps), { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
    res.type('image/svg+xml').set('Cache-Control', 'no-store').send(svg);
  });

  router.get('/:code/join-url', (req: Request<{ code: string }>, res) => {
    const code = req.params.code.toUpperCase();
    if (!codePattern.test(code)) {
      res.status(400).json({ error: 'That is not a game code.' });
      return;
    }
    res.json({ joinUrl: joinUrlFor(req, code, deps) });
  });

  return router;
}

function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'not valid';
  if (issue.code === 'unrecognized_keys') return `unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  return issue.message;
}
