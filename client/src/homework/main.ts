// The student's homework page, /homework/<id>: what the homework is and until when, a nickname (or
// a random one) and "Start homework"; or, in the browser that started it, "Continue as …", which
// also happens by itself after a reload. Small, like the join page: the SDK and the game screens
// load when the attempt starts (session.ts), and never Phaser.
import { applyI18n, currentLang, initI18n, list, t } from '../i18n.ts';
import { GAME } from '../../../shared/constants.ts';
import type { AssignmentInfo, AttemptTicket } from '../../../shared/protocol.ts';
import { nicknameChoices, pickNickname } from '../../../shared/rules/nicknames.ts';
import { assignmentIdFromPath, getAssignment, HomeworkError, kept, resumeAttempt, startAttempt, type KeptAttempt } from './api.ts';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** Set while an attempt plays in this tab, so a reload goes straight back into it. */
const playingKey = (id: string) => `ua:hw-playing:${id}`;

export function formatDate(ms: number, lang = currentLang()): string {
  return new Intl.DateTimeFormat(lang, { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' }).format(ms);
}

/** A refusal in the page's language. */
export function explain(err: unknown, info?: AssignmentInfo | null): string {
  if (err instanceof HomeworkError) return t(`homework.errors.${err.reason}`, { message: err.message, date: info ? formatDate(info.deadline) : '' });
  return t('homework.errors.unknown', { message: err instanceof Error ? err.message : String(err) });
}

async function main(): Promise<void> {
  await initI18n();
  applyI18n(document.body);
  const title = $<HTMLHeadingElement>('hw-title');
  title.removeAttribute('data-i18n');
  const error = $<HTMLParagraphElement>('hw-error');
  const form = $<HTMLFormElement>('start-form');
  const nameInput = $<HTMLInputElement>('name');
  const startButton = $<HTMLButtonElement>('start');
  const continueButton = $<HTMLButtonElement>('continue');
  const notMe = $<HTMLButtonElement>('not-me');
  const id = assignmentIdFromPath();
  document.title = `${t('homework.pageTitle')} — Uptime Arena`;
  if (!id) {
    title.textContent = t('homework.pageTitle');
    error.textContent = t('homework.errors.not_found');
    return;
  }

  let info: AssignmentInfo | null = null;
  try {
    info = await getAssignment(id);
  } catch (err) {
    title.textContent = t('homework.pageTitle');
    error.textContent = explain(err);
    return;
  }
  const a = info;
  title.textContent = t('homework.heading', { title: a.title });
  const due = $<HTMLParagraphElement>('hw-due');
  due.textContent = a.open ? t('homework.due', { date: formatDate(a.deadline) }) : t('homework.closed', { date: formatDate(a.deadline) });
  due.hidden = false;
  $<HTMLUListElement>('hw-rounds').replaceChildren(
    ...a.rounds.map((r) => Object.assign(document.createElement('li'), { textContent: r.kind === 'quiz' ? t('homework.roundQuiz', { title: r.title, count: r.questions }) : t('homework.roundScenario', { title: r.title }) })),
  );
  $<HTMLParagraphElement>('hw-speed').textContent = t(a.speedScoring ? 'homework.speedOn' : 'homework.speedOff');
  $<HTMLElement>('hw-plan').hidden = false;

  $<HTMLButtonElement>('random-name').addEventListener('click', () => {
    nameInput.value = pickNickname(nicknameChoices(currentLang()), Math.random()) ?? '';
    nameInput.focus();
  });
  const prefetch = () => void import('./session.ts');
  if ('requestIdleCallback' in window) (window as Window).requestIdleCallback(prefetch, { timeout: 3000 });
  else setTimeout(prefetch, 1500);

  const busy = (on: boolean) => {
    startButton.disabled = on;
    continueButton.disabled = on;
    startButton.textContent = t(on ? 'homework.starting' : 'homework.start');
  };

  /** Plays an attempt in this page until it ends (then the landing shows what to do next). */
  async function play(ticket: AttemptTicket, k: KeptAttempt): Promise<void> {
    const { startAttemptSession } = await import('./session.ts');
    sessionStorage.setItem(playingKey(a.id), '1');
    await startAttemptSession({
      info: a,
      ticket,
      token: k.token,
      landing: $<HTMLElement>('landing'),
      playAgain: () => void begin(k.name, k.token),
      onOver: () => sessionStorage.removeItem(playingKey(a.id)),
    });
  }

  async function begin(name: string, previous?: string): Promise<void> {
    error.textContent = '';
    busy(true);
    try {
      const ticket = await startAttempt(a.id, name, previous);
      const k: KeptAttempt = { token: ticket.attemptToken!, name: ticket.name, attemptId: ticket.attemptId, attempt: ticket.attempt };
      kept.save(a.id, k);
      await play(ticket, k);
    } catch (err) {
      error.textContent = explain(err, a);
      if (err instanceof HomeworkError && (err.reason === 'bad_name' || err.reason === 'name_offensive' || err.reason === 'name_reserved')) nameInput.focus();
    } finally {
      busy(false);
    }
  }

  async function resume(k: KeptAttempt): Promise<void> {
    error.textContent = '';
    busy(true);
    try {
      const ticket = await resumeAttempt(a.id, k.token);
      await play(ticket, k);
    } catch (err) {
      error.textContent = explain(err, a);
      if (err instanceof HomeworkError && err.reason === 'unknown_attempt') {
        kept.forget(a.id);
        continueButton.hidden = true;
        notMe.hidden = true;
        form.hidden = !a.open;
      }
    } finally {
      busy(false);
    }
  }

  const mine = kept.get(a.id);
  form.hidden = Boolean(mine) || !a.open;
  if (mine) {
    continueButton.textContent = t('homework.continueAs', { name: mine.name });
    continueButton.hidden = false;
    continueButton.addEventListener('click', () => void resume(mine));
    notMe.hidden = !a.open;
    notMe.addEventListener('click', () => {
      notMe.hidden = true;
      form.hidden = false;
      nameInput.focus();
    });
  }
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const name = nameInput.value.trim();
    if (!name || [...name].length > GAME.nameMaxChars) {
      error.textContent = t('homework.errors.bad_name');
      nameInput.focus();
      return;
    }
    const same = mine && mine.name.toLocaleLowerCase() === name.toLocaleLowerCase() ? mine : null;
    void begin(name, same?.token);
  });
  // A reload in the middle of an attempt goes straight back into it.
  if (mine && sessionStorage.getItem(playingKey(a.id))) void resume(mine);
  document.documentElement.dataset.ready = 'homework';
}

void main();
