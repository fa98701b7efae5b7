// The editor's calls to /api/sets, and the "my sets" list this browser keeps (edit links live
// only here and in the teacher's bookmarks: the server stores a hash of the token).
import type { QuestionSet } from '../../../shared/content/schema.ts';

export interface ServerProblem {
  row: number;
  field: string;
  message: string;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; status: number; error: string; problems: ServerProblem[] };

async function call<T>(url: string, init: RequestInit): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch {
    return { ok: false, status: 0, error: '', problems: [] };
  }
  const body = (await res.json().catch(() => null)) as (T & { error?: string; problems?: ServerProblem[] }) | null;
  if (res.ok) return { ok: true, value: body as T };
  return { ok: false, status: res.status, error: body?.error ?? `HTTP ${res.status}`, problems: body?.problems ?? [] };
}

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

export const setsApi = {
  get: (id: string) => call<QuestionSet>(`/api/sets/${encodeURIComponent(id)}`, { headers: { accept: 'application/json' } }),
  create: (set: unknown) => call<{ id: string; editToken: string }>('/api/sets', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(set) }),
  update: (id: string, token: string, set: unknown) =>
    call<{ id: string }>(`/api/sets/${encodeURIComponent(id)}`, { method: 'PUT', headers: { 'content-type': 'application/json', ...auth(token) }, body: JSON.stringify(set) }),
  remove: (id: string, token: string) => call<null>(`/api/sets/${encodeURIComponent(id)}`, { method: 'DELETE', headers: auth(token) }),
  /** Uploads a JSON, CSV or xlsx file as a new set; `title`/`lang` fill in what a spreadsheet lacks. */
  importFile: (file: File, opts: { title: string; lang: string }) => {
    const ext = file.name.toLowerCase().split('.').pop() ?? '';
    const type = ext === 'json' ? 'application/json' : ext === 'csv' ? 'text/csv' : ext === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : file.type || 'application/octet-stream';
    const q = new URLSearchParams({ title: opts.title, lang: opts.lang });
    return call<{ id: string; editToken: string }>(`/api/sets?${q}`, { method: 'POST', headers: { 'content-type': type }, body: file });
  },
  exportUrl: (id: string, format: 'csv' | 'json') => `/api/sets/${encodeURIComponent(id)}/export.${format}`,
  templateUrl: (lang: string) => `/api/sets/template.csv?lang=${lang}`,
};

export interface MySet {
  id: string;
  token: string;
  title: string;
  savedAt: number;
}

const KEY = 'ua:sets';
const MAX_REMEMBERED = 50;

export function mySets(): MySet[] {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(raw) ? raw.filter((s): s is MySet => typeof s?.id === 'string' && typeof s?.token === 'string' && typeof s?.title === 'string') : [];
  } catch {
    return [];
  }
}

export function rememberSet(entry: MySet): void {
  const rest = mySets().filter((s) => s.id !== entry.id);
  localStorage.setItem(KEY, JSON.stringify([entry, ...rest].slice(0, MAX_REMEMBERED)));
}

export function forgetSet(id: string): void {
  localStorage.setItem(KEY, JSON.stringify(mySets().filter((s) => s.id !== id)));
}

/** The page address of a set's edit link: the token rides in the fragment, which browsers never send. */
export function editLink(origin: string, id: string, token: string | undefined, lang?: string): string {
  const q = new URLSearchParams({ id });
  if (lang) q.set('lang', lang);
  return `${origin}/host/sets?${q}${token ? `#token=${encodeURIComponent(token)}` : ''}`;
}

/** A set id from a pasted edit link (…/host/sets?id=X#token=…), an export URL or a bare id. */
export function setIdFrom(text: string): string | undefined {
  const s = text.trim();
  if (/^[A-Za-z0-9_-]{1,64}$/.test(s)) return s;
  try {
    const url = new URL(s, 'http://x');
    const id = url.searchParams.get('id') ?? /\/api\/sets\/([A-Za-z0-9_-]{1,64})/.exec(url.pathname)?.[1];
    return id && /^[A-Za-z0-9_-]{1,64}$/.test(id) ? id : undefined;
  } catch {
    return undefined;
  }
}
