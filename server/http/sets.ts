// HTTP API for teacher-made question sets, mounted at /api/sets. A set is reached by its
// id; changing or deleting it needs the edit token returned once at creation (header
// `Authorization: Bearer <token>` or `X-Edit-Token`). Uploads are JSON, CSV or xlsx,
// bounded in size; a refused file answers 400 { error, problems: [{ row, field, message }] }.
// Every error is JSON { error } with a readable reason, never a stack; tokens are never logged.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import { LIMITS } from '../../shared/content/limits.ts';
import type { QuestionSet } from '../../shared/content/schema.ts';
import { isLang, type Lang } from '../../shared/i18n-types.ts';
import { detectSetFormat, importSet } from '../content/sets-import.ts';
import { ReaderBusyError } from '../content/sets-xlsx.ts';
import type { StorageHealth } from '../store/health.ts';
import { STORAGE_REFUSAL } from './games.ts';
import { exportSetCsv, exportSetJson, importSetJson } from '../content/sets-io.ts';
import type { Problem } from '../content/sets-validate.ts';
import type { Store } from '../store/index.ts';
import { ROOT_DIR } from '../config.ts';

export const SETS_HTTP = {
  /** Body parser cap, bytes: above the set limit so a slightly big file gets the detailed 400. */
  bodyLimitBytes: 2 * LIMITS.maxSetBytes,
  /** Longest `?title=` accepted, characters. */
  titleParamChars: LIMITS.titleChars,
} as const;

const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const EXAMPLE_PATH = path.join(ROOT_DIR, 'assets', 'content', 'templates', 'example-set.json');

/** Minimal logger shape (pino fits). Only ids and messages are logged, never tokens or bodies. */
export interface SetsRouterLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

function loadExample(): QuestionSet {
  const res = importSetJson(readFileSync(EXAMPLE_PATH));
  if (!res.ok) throw new Error(`The example set ${EXAMPLE_PATH} is invalid: ${JSON.stringify(res.problems)}`);
  return res.set;
}

/** Deep copy keeping one language of every { es?, en? } text (falling back to the other). */
function inLanguage<T>(value: T, lang: Lang): T {
  if (Array.isArray(value)) return value.map((v) => inLanguage(v, lang)) as T;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length > 0 && entries.every(([k, v]) => isLang(k) && typeof v === 'string')) {
      const t = value as Partial<Record<Lang, string>>;
      return { [lang]: t[lang] ?? t[lang === 'es' ? 'en' : 'es'] } as T;
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, inLanguage(v, lang)])) as T;
  }
  return value;
}

function attachmentName(title: string, ext: string): string {
  const slug = title.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
  return `${slug || 'question-set'}.${ext}`;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly problems?: Problem[],
  ) {
    super(message);
  }
}

function editToken(req: Request): string | undefined {
  const auth = req.get('authorization');
  const bearer = auth && /^Bearer\s+(\S+)\s*$/i.exec(auth)?.[1];
  const token = bearer || req.get('x-edit-token')?.trim();
  return token ? token : undefined;
}

function summary(problems: Problem[]): string {
  return problems.length === 1 ? `The file has a problem: ${problems[0]!.message}` : `The file has ${problems.length} problems; nothing was saved.`;
}

/** A store write that failed (full disk, read-only file, database gone), told apart from a bug. */
class StorageError extends Error {}

export function createSetsRouter(store: Store, opts: { log?: SetsRouterLogger; storage?: StorageHealth } = {}): express.Router {
  const router = express.Router();
  const example = loadExample();
  const rawBody = express.raw({ type: () => true, limit: SETS_HTTP.bodyLimitBytes });

  router.use((_req, res, next) => {
    res.set('X-Content-Type-Options', 'nosniff');
    res.set('Cache-Control', 'no-store');
    next();
  });

  const bodyOf = (req: Request): Buffer => (Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));

  async function parseUpload(req: Request): Promise<QuestionSet> {
    const raw = bodyOf(req);
    if (raw.length === 0) throw new HttpError(400, 'The request has no body: send the set as JSON, CSV or an .xlsx file.', [{ row: 0, field: 'file', message: 'The file is empty.' }]);
    const format = detectSetFormat(req.get('content-type'), raw);
    if (!format) throw new HttpError(415, `Unsupported Content-Type "${req.get('content-type')}": send application/json, text/csv or an .xlsx workbook.`);
    const titleParam = typeof req.query.title === 'string' ? req.query.title.slice(0, SETS_HTTP.titleParamChars) : undefined;
    const langParam = typeof req.query.lang === 'string' && isLang(req.query.lang) ? req.query.lang : undefined;
    const result = await importSet(raw, format, { title: titleParam, lang: langParam });
    if (!result.ok) throw new HttpError(400, summary(result.problems), result.problems);
    return result.set;
  }

  const idParam = (req: Request): string => {
    const id = String(req.params.id ?? '');
    if (!ID_PATTERN.test(id)) throw new HttpError(404, 'No question set has this id.');
    return id;
  };

  const tokenOutcome = (outcome: 'ok' | 'not-found' | 'forbidden'): void => {
    if (outcome === 'not-found') throw new HttpError(404, 'No question set has this id.');
    if (outcome === 'forbidden') throw new HttpError(403, 'The edit token is missing or wrong for this set.');
  };

  router.get('/template.csv', (req, res) => {
    const lang: Lang = typeof req.query.lang === 'string' && isLang(req.query.lang) ? req.query.lang : 'en';
    const template = inLanguage({ ...example, lang, questions: [example.questions[0]!] }, lang);
    res.attachment('uptime-arena-template.csv').type('text/csv; charset=utf-8').send(exportSetCsv(template));
  });

  router.get('/example.json', (_req, res) => {
    res.attachment('uptime-arena-example.json').type('application/json; charset=utf-8').send(exportSetJson(example));
  });

  /** A store write, reported to the storage health; a failure becomes a 503 with a plain reason. */
  async function write<T>(what: string, op: () => Promise<T>): Promise<T> {
    try {
      const out = await op();
      opts.storage?.written();
      return out;
    } catch (err) {
      opts.storage?.failed(err, what);
      throw new StorageError(what);
    }
  }

  router.post('/', rawBody, async (req, res) => {
    const set = await parseUpload(req);
    const { id, editToken: token } = await write('a new question set', () => store.sets.create(set));
    res.status(201).location(`${req.baseUrl}/${id}`).json({ id, editToken: token });
  });

  router.get('/:id', async (req, res) => {
    const found = await store.sets.get(idParam(req));
    if (!found) throw new HttpError(404, 'No question set has this id.');
    res.set('Last-Modified', new Date(found.updatedAt).toUTCString()).json(found.set);
  });

  router.get('/:id/export.csv', async (req, res) => {
    const found = await store.sets.get(idParam(req));
    if (!found) throw new HttpError(404, 'No question set has this id.');
    res.attachment(attachmentName(found.set.title, 'csv')).type('text/csv; charset=utf-8').send(exportSetCsv(found.set));
  });

  router.get('/:id/export.json', async (req, res) => {
    const found = await store.sets.get(idParam(req));
    if (!found) throw new HttpError(404, 'No question set has this id.');
    res.attachment(attachmentName(found.set.title, 'json')).type('application/json; charset=utf-8').send(exportSetJson(found.set));
  });

  router.put('/:id', rawBody, async (req, res) => {
    const id = idParam(req);
    const token = editToken(req);
    tokenOutcome(token === undefined ? ((await store.sets.get(id)) ? 'forbidden' : 'not-found') : await store.sets.checkToken(id, token));
    const set = await parseUpload(req);
    tokenOutcome(await write('a question set', () => store.sets.update(id, token!, set)));
    res.status(200).json({ id });
  });

  router.delete('/:id', async (req, res) => {
    const id = idParam(req);
    const token = editToken(req);
    tokenOutcome(token === undefined ? ((await store.sets.get(id)) ? 'forbidden' : 'not-found') : await store.sets.delete(id, token));
    res.status(204).end();
  });

  router.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof HttpError) {
      res.status(err.status).json(err.problems ? { error: err.message, problems: err.problems } : { error: err.message });
      return;
    }
    if (err instanceof StorageError) {
      res.status(503).set('Retry-After', '60').json({ error: STORAGE_REFUSAL.replace('so it is not starting new games. Games already running go on.', 'so this set was not saved.') });
      return;
    }
    if (err instanceof ReaderBusyError) {
      res.status(503).set('Retry-After', '5').json({ error: err.message });
      return;
    }
    const e = err as { type?: string; status?: number; statusCode?: number; message?: string };
    const status = e.status ?? e.statusCode ?? 500;
    if (e.type === 'entity.too.large') {
      const message = `The file is too large (at most ${LIMITS.maxSetBytes / 1024} KB).`;
      res.status(413).json({ error: message, problems: [{ row: 0, field: 'file', message }] });
      return;
    }
    if (status >= 400 && status < 500) {
      res.status(status).json({ error: e.type === 'request.aborted' ? 'The upload was interrupted.' : 'The request could not be read.' });
      return;
    }
    opts.log?.error({ err: e.message ?? String(err), method: req.method, path: req.baseUrl + req.path }, 'question set request failed');
    res.status(500).json({ error: 'The server could not handle this request; nothing was changed. Try again in a moment.' });
  });

  return router;
}
