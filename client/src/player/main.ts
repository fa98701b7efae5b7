// The student join page. It is the first thing a phone loads, so it stays small: the form works
// as soon as this module runs; the SDK and the game views load on the first tap of "Join" (and
// are prefetched when the page is idle). The phone never loads Phaser: its screens are DOM.
// The page cannot know a game's nickname mode before joining, so the form never asks for more
// than the server does: Join with no nickname is sent as such (a generated-only game gives one;
// a typed-name game refuses it, readably). A typed name refused because the game gives names
// (4411) turns the form into "tap Join to get yours"; a name refused by the word lists stays in
// the field, with the catalog's reason, for the student to change.
import { applyI18n, initI18n, t } from '../i18n.ts';
import { GAME } from '../../../shared/constants.ts';
import { joinFailure } from '../net/endpoint.ts';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
/** Join refusals (keys under join.errors) that ask the student for another nickname. */
const NAME_REFUSALS = new Set(['name', 'offensive', 'reserved', 'taken', 'banned']);
const CODE_RE = new RegExp(`^[${GAME.codeAlphabet}]{${GAME.codeLength}}$`);

function cleanCode(raw: string): string {
  const allowed = new Set(GAME.codeAlphabet);
  return [...raw.toUpperCase()].filter((c) => allowed.has(c)).join('').slice(0, GAME.codeLength);
}

/**
 * A generated nickname in the page's language (the same words the server gives in generated-only
 * games). Loaded on the dice's first tap: the word lists come with both catalogs, which the join
 * form must not wait for on a slow phone.
 */
async function randomName(): Promise<string> {
  const { nicknameChoices, pickNickname } = await import('../../../shared/rules/nicknames.ts');
  return pickNickname(nicknameChoices(document.documentElement.lang === 'en' ? 'en' : 'es'), Math.random()) ?? '';
}

function storedSeat(code: string): { seat: string; name: string } | null {
  try {
    return JSON.parse(localStorage.getItem(`ua:seat:${code}`) ?? 'null');
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  await initI18n();
  applyI18n(document.body);
  const form = $<HTMLFormElement>('join-form');
  const codeInput = $<HTMLInputElement>('code');
  const nameInput = $<HTMLInputElement>('name');
  const nameField = $<HTMLDivElement>('name-field');
  const nameNote = $<HTMLParagraphElement>('name-note');
  const error = $<HTMLParagraphElement>('join-error');
  const joinButton = $<HTMLButtonElement>('join');
  const rejoin = $<HTMLButtonElement>('rejoin');
  const params = new URLSearchParams(location.search);

  // What the student typed while the script was loading (a slow phone shows the form first) wins
  // over the link's code and the last game's: the form must never wipe what was typed.
  const initialCode = cleanCode(codeInput.value) || cleanCode(params.get('code') ?? '') || cleanCode(localStorage.getItem('ua:last-code') ?? '');
  codeInput.value = initialCode;
  if (params.get('name') && !nameInput.value.trim()) nameInput.value = (params.get('name') ?? '').slice(0, GAME.nameMaxChars);
  codeInput.addEventListener('input', () => {
    const pos = codeInput.selectionStart;
    codeInput.value = cleanCode(codeInput.value);
    if (pos !== null) codeInput.setSelectionRange(pos, pos);
  });
  $<HTMLButtonElement>('random-name').addEventListener('click', () => {
    void randomName().then((name) => {
      nameInput.value = name;
      nameInput.focus();
    });
  });

  const prefetch = () => void import('./game.ts');
  if ('requestIdleCallback' in window) (window as Window).requestIdleCallback(prefetch, { timeout: 3000 });
  else setTimeout(prefetch, 1500);

  /** Generated-only: the game gives every student a nickname, so the form asks for none. */
  let generatedOnly = false;
  const setGeneratedOnly = (on: boolean) => {
    generatedOnly = on;
    nameField.hidden = on;
    nameNote.hidden = !on;
    nameNote.textContent = on ? t('join.errors.generated') : '';
    if (on) nameInput.value = '';
  };

  async function join(options: { name?: string; seat?: string }, code: string): Promise<void> {
    error.textContent = '';
    joinButton.disabled = true;
    rejoin.disabled = true;
    joinButton.textContent = t('join.joining');
    try {
      const game = await import('./game.ts');
      await game.startPlayer(code, options);
      form.hidden = true;
    } catch (err) {
      const { key, vars } = joinFailure(err, { code, host: location.host });
      if (key === 'generated') {
        setGeneratedOnly(true);
        joinButton.focus();
        return;
      }
      error.textContent = t(`join.errors.${key}`, vars);
      if (NAME_REFUSALS.has(key)) {
        // The teacher switched the game back to typed names, or the name needs changing: the field, filled, focused.
        if (generatedOnly) setGeneratedOnly(false);
        nameInput.focus();
        nameInput.select();
      }
      if (key === 'seat') {
        localStorage.removeItem(`ua:seat:${code}`);
        rejoin.hidden = true;
      }
    } finally {
      joinButton.disabled = false;
      rejoin.disabled = false;
      joinButton.textContent = t('join.button');
    }
  }

  const seat = initialCode ? storedSeat(initialCode) : null;
  if (seat) {
    rejoin.hidden = false;
    rejoin.textContent = t('join.rejoinAs', { name: seat.name });
    rejoin.addEventListener('click', () => void join({ seat: seat.seat }, initialCode));
    if (params.get('code') === null || params.get('rejoin') === '1') void join({ seat: seat.seat }, initialCode);
  }

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const code = cleanCode(codeInput.value);
    const name = generatedOnly ? '' : nameInput.value.trim();
    if (!CODE_RE.test(code)) {
      error.textContent = t('join.errors.code');
      codeInput.focus();
      return;
    }
    if ([...name].length > GAME.nameMaxChars) {
      error.textContent = t('join.errors.name');
      nameInput.focus();
      return;
    }
    const known = storedSeat(code);
    // No name: this browser's seat in the game if it has one, else whatever the game gives (or refuses).
    if (!name) void join(known ? { seat: known.seat } : {}, code);
    else void join(known && known.name.toLowerCase() === name.toLowerCase() ? { seat: known.seat, name } : { name }, code);
  });
  if (!initialCode) codeInput.focus();
  else if (!seat) nameInput.focus();
  // A Join tapped before this script ran came back as /?code=…&name=… (the form's own GET, filled
  // in again by the server): finish what the student asked for.
  if (params.get('name') && CODE_RE.test(initialCode) && !seat) form.requestSubmit();
  // The form is wired: tests and the slow-phone benchmark wait for this mark.
  document.documentElement.dataset.ready = 'join';
  performance.mark('join-form-usable');
}

void main();
