// The student join page. It is the first thing a phone loads, so it stays small: the form works
// as soon as this module runs; the SDK and the game views load on the first tap of "Join" (and
// are prefetched when the page is idle). The phone never loads Phaser: its screens are DOM.
import { applyI18n, initI18n, t } from '../i18n.ts';
import { GAME } from '../../../shared/constants.ts';
import { joinFailure } from '../net/endpoint.ts';
import { nicknameChoices, pickNickname } from '../../../shared/rules/nicknames.ts';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const CODE_RE = new RegExp(`^[${GAME.codeAlphabet}]{${GAME.codeLength}}$`);

function cleanCode(raw: string): string {
  const allowed = new Set(GAME.codeAlphabet);
  return [...raw.toUpperCase()].filter((c) => allowed.has(c)).join('').slice(0, GAME.codeLength);
}

/** A generated nickname in the page's language (the same words the server gives in generated-only games). */
function randomName(): string {
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
  const error = $<HTMLParagraphElement>('join-error');
  const joinButton = $<HTMLButtonElement>('join');
  const rejoin = $<HTMLButtonElement>('rejoin');
  const params = new URLSearchParams(location.search);

  const initialCode = cleanCode(params.get('code') ?? '') || cleanCode(localStorage.getItem('ua:last-code') ?? '');
  codeInput.value = initialCode;
  if (params.get('name')) nameInput.value = (params.get('name') ?? '').slice(0, GAME.nameMaxChars);
  codeInput.addEventListener('input', () => {
    const pos = codeInput.selectionStart;
    codeInput.value = cleanCode(codeInput.value);
    if (pos !== null) codeInput.setSelectionRange(pos, pos);
  });
  $<HTMLButtonElement>('random-name').addEventListener('click', () => {
    nameInput.value = randomName();
    nameInput.focus();
  });

  const prefetch = () => void import('./game.ts');
  if ('requestIdleCallback' in window) (window as Window).requestIdleCallback(prefetch, { timeout: 3000 });
  else setTimeout(prefetch, 1500);

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
      error.textContent = t(`join.errors.${key}`, vars);
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
    const name = nameInput.value.trim();
    if (!CODE_RE.test(code)) {
      error.textContent = t('join.errors.code');
      codeInput.focus();
      return;
    }
    if (!name || [...name].length > GAME.nameMaxChars) {
      error.textContent = t('join.errors.name');
      nameInput.focus();
      return;
    }
    const known = storedSeat(code);
    void join(known && known.name.toLowerCase() === name.toLowerCase() ? { seat: known.seat, name } : { name }, code);
  });
  if (!initialCode) codeInput.focus();
  else if (!seat) nameInput.focus();
  // The form is wired: tests and the slow-phone benchmark wait for this mark.
  document.documentElement.dataset.ready = 'join';
  performance.mark('join-form-usable');
}

void main();
