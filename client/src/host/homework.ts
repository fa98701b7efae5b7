// "Assign as homework" on the teacher's page: a dialog that turns this game (its plan, question
// draw and scenario seed) into homework (POST /api/games/CODE/homework with the host token): a
// deadline, speed points (off by default), then the link, its QR code and the results link. The
// results link carries the teacher token, which only this browser keeps ('ua:hw-teacher'), as the
// host token is kept for the game. Self-contained: the console adds a button that opens it.
import './homework.css';
import { t } from '../i18n.ts';
import { el } from '../ui/dom.ts';

export interface HomeworkDialog {
  readonly dialog: HTMLDialogElement;
  /** Opens it (the console's "Assign as homework" button). */
  open(): void;
}

interface MadeHomework {
  readonly token: string;
  readonly code: string;
  readonly url: string;
  readonly deadline: number;
}

const STORE_KEY = 'ua:hw-teacher';
/** The deadline the dialog proposes: a week from today, at 23:59 local time. */
const DEFAULT_DAYS = 7;

function made(): Record<string, MadeHomework> {
  try {
    const v = JSON.parse(localStorage.getItem(STORE_KEY) ?? '{}') as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, MadeHomework>) : {};
  } catch {
    return {};
  }
}

function remember(id: string, h: MadeHomework): void {
  try {
    localStorage.setItem(STORE_KEY, JSON.stringify({ ...made(), [id]: h }));
  } catch {
    // storage refused: the dialog still shows the results link to copy
  }
}

/** A Date as a datetime-local value (local time, minutes). */
function localValue(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

const resultsHref = (id: string, token: string) => `/host/results?homework=${encodeURIComponent(id)}#token=${encodeURIComponent(token)}`;
const when = (ms: number) => new Intl.DateTimeFormat(document.documentElement.lang || 'es', { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(ms);

export function createHomeworkDialog(code: string, hostToken: string): HomeworkDialog {
  const dialog = el('dialog', { className: 'hw-dialog' });
  dialog.setAttribute('aria-labelledby', 'hw-dialog-title');

  const deadline = el('input', { type: 'datetime-local', id: 'hw-deadline', required: true });
  deadline.setAttribute('aria-describedby', 'hw-deadline-hint');
  const speed = el('input', { type: 'checkbox', id: 'hw-speed' });
  speed.setAttribute('aria-describedby', 'hw-speed-hint');
  const error = el('p', { className: 'error', role: 'alert' });
  const create = el('button', { type: 'submit', className: 'primary', textContent: t('homework.create') });
  const form = el(
    'form',
    { className: 'hw-form', noValidate: true },
    el('div', {}, el('label', { htmlFor: 'hw-deadline', textContent: t('homework.deadline') }), deadline, el('p', { className: 'hint', id: 'hw-deadline-hint', textContent: t('homework.deadlineHint') })),
    el('div', {}, el('label', { className: 'check' }, speed, ' ', t('homework.speed')), el('p', { className: 'hint', id: 'hw-speed-hint', textContent: t('homework.speedHint') })),
    error,
    create,
  );

  const link = el('input', { type: 'text', id: 'hw-link', readOnly: true });
  const copied = el('span', { className: 'hint', role: 'status' });
  const qr = el('img', { className: 'hw-qr', alt: t('homework.qr'), width: 200, height: 200 });
  const results = el('a', { className: 'hw-results', target: '_blank', rel: 'noopener', textContent: t('homework.results') });
  const due = el('p', { className: 'hw-due' });
  const result = el(
    'section',
    { className: 'hw-made', hidden: true },
    qr,
    el(
      'div',
      { className: 'hw-made-text' },
      due,
      el('label', { htmlFor: 'hw-link', textContent: t('homework.link') }),
      el(
        'div',
        { className: 'hw-row' },
        link,
        el('button', {
        type: 'button',
        textContent: t('homework.copy'),
        onclick: () => {
          link.select();
          void navigator.clipboard?.writeText(link.value).then(
            () => (copied.textContent = t('homework.copied')),
              () => undefined,
            );
          },
        }),
      ),
      copied,
      results,
      el('p', { className: 'hint', textContent: t('homework.keepResults') }),
    ),
  );
  const earlier = el('section', { className: 'hw-earlier', hidden: true });
  const close = el('button', { type: 'button', className: 'hw-close', textContent: t('homework.close'), onclick: () => dialog.close() });
  const intro = el('p', { textContent: t('homework.assignIntro') });
  dialog.append(el('h2', { id: 'hw-dialog-title', textContent: t('homework.assignTitle') }), intro, form, result, earlier, close);

  /** Homework this browser made from this game before (the one just made shows above). */
  function listEarlier(shown?: string): void {
    const mine = Object.entries(made()).filter(([id, h]) => h.code === code && id !== shown);
    earlier.hidden = mine.length === 0;
    earlier.replaceChildren(
      el('h3', { textContent: t('homework.earlier') }),
      el('ul', {}, ...mine.map(([id, h]) => el('li', {}, el('a', { href: resultsHref(id, h.token), target: '_blank', rel: 'noopener', textContent: `${t('homework.results')} · ${t('homework.due', { date: when(h.deadline) })}` })))),
    );
  }

  function open(): void {
    const d = new Date();
    d.setDate(d.getDate() + DEFAULT_DAYS);
    d.setHours(23, 59, 0, 0);
    if (!deadline.value) deadline.value = localValue(d);
    deadline.min = localValue(new Date(Date.now() + 2 * 60_000));
    error.textContent = '';
    // each opening offers a new assignment; the ones made before are listed below the form
    form.hidden = false;
    intro.hidden = false;
    result.hidden = true;
    listEarlier();
    if (!dialog.open) dialog.showModal();
    deadline.focus();
  }

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    error.textContent = '';
    const at = new Date(deadline.value).getTime();
    if (!Number.isFinite(at)) {
      error.textContent = t('homework.deadlineHint');
      deadline.focus();
      return;
    }
    create.disabled = true;
    create.textContent = t('homework.creating');
    try {
      const res = await fetch(`/api/games/${encodeURIComponent(code)}/homework`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${hostToken}` },
        body: JSON.stringify({ deadline: at, speedScoring: speed.checked }),
      });
      const body = (await res.json().catch(() => ({}))) as { id?: string; teacherToken?: string; url?: string; deadline?: number; error?: string };
      if (res.status !== 201 || !body.id || !body.teacherToken || !body.url) throw new Error(body.error ?? `HTTP ${res.status}`);
      remember(body.id, { token: body.teacherToken, code, url: body.url, deadline: at });
      link.value = body.url;
      qr.src = `/api/homework/${encodeURIComponent(body.id)}/qr.svg`;
      results.href = resultsHref(body.id, body.teacherToken);
      due.textContent = t('homework.due', { date: when(at) });
      // what the teacher needs now: the link and its QR code, in view without scrolling
      form.hidden = true;
      intro.hidden = true;
      result.hidden = false;
      listEarlier(body.id);
      link.focus();
      link.select();
    } catch (err) {
      error.textContent = err instanceof Error ? err.message : String(err);
    } finally {
      create.disabled = false;
      create.textContent = t('homework.create');
    }
  });

  return { dialog, open };
}
