// The teacher's page: create a game (no account) or resume the one this browser hosts, then
// hand over to the console (controls + Phaser projector view), which loads after the form.
import { applyI18n, initI18n, setLang, t } from '../i18n.ts';
import { BUILT_IN_PLANS } from '../../../shared/rules/plans.ts';
import { pick } from '../../../shared/i18n-types.ts';
import { mountPlanForm } from '../editor/plan-form.ts';

const DEFAULT_PLAN = 'intro';
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

async function main(): Promise<void> {
  const lang = await initI18n();
  applyI18n(document.body);
  const form = $<HTMLFormElement>('setup');
  const langSelect = $<HTMLSelectElement>('lang');
  const teams = $<HTMLInputElement>('teams');
  const planSelect = $<HTMLSelectElement>('plan');
  const error = $<HTMLParagraphElement>('setup-error');
  const create = $<HTMLButtonElement>('create');
  const resume = $<HTMLButtonElement>('resume');
  langSelect.value = lang;
  const speed = $<HTMLInputElement>('setup-speed');
  const nicknames = $<HTMLSelectElement>('setup-nicknames');
  const holdNames = $<HTMLInputElement>('setup-hold');
  const planForm = mountPlanForm($<HTMLDivElement>('plan-options'), planSelect, speed);

  const fillPlans = () => {
    const l = langSelect.value === 'en' ? 'en' : 'es';
    const current = planSelect.value;
    planSelect.replaceChildren(...BUILT_IN_PLANS.map((p) => Object.assign(document.createElement('option'), { value: p.id, textContent: pick(p.title, l) })), planForm.option());
    // The 30-minute lesson the README leads with, unless the teacher already picked another.
    planSelect.value = current || DEFAULT_PLAN;
    planForm.sync();
  };
  fillPlans();
  langSelect.addEventListener('change', async () => {
    await setLang(langSelect.value === 'en' ? 'en' : 'es');
    fillPlans();
    showResume();
  });

  const stored = (): { code: string; hostToken: string } | null => {
    try {
      return JSON.parse(localStorage.getItem('ua:host') ?? 'null');
    } catch {
      return null;
    }
  };
  const showResume = () => {
    const s = stored();
    resume.hidden = !s;
    if (s) resume.textContent = t('host.resumeCode', { code: s.code });
  };
  showResume();

  async function open(code: string, hostToken: string): Promise<void> {
    error.textContent = '';
    const { startConsole } = await import('./console.ts');
    try {
      await startConsole(code, hostToken);
      form.hidden = true;
    } catch (err) {
      const message = (err as Error).message ?? String(err);
      error.textContent = /not found|invalid|expired/i.test(message) ? t('join.errors.notFound', { code }) : /teacher link/i.test(message) ? t('host.linkLost') : message;
      if (/not found|teacher link/i.test(message)) {
        localStorage.removeItem('ua:host');
        showResume();
      }
    }
  }

  resume.addEventListener('click', () => {
    const s = stored();
    if (s) void open(s.code, s.hostToken);
  });

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    create.disabled = true;
    create.textContent = t('host.creating');
    try {
      const choice = planForm.choice();
      if (!choice.ok) throw new Error(choice.error);
      const { createGame } = await import('../net/connection.ts');
      const game = await createGame({
        lang: langSelect.value,
        teams: Number(teams.value) || 4,
        plan: choice.plan,
        ...(choice.setId ? { setId: choice.setId } : {}),
        speedScoring: speed.checked,
        nicknames: nicknames.value === 'generated' ? 'generated' : 'typed',
        holdNames: holdNames.checked,
      });
      localStorage.setItem('ua:host', JSON.stringify({ code: game.code, hostToken: game.hostToken }));
      history.replaceState(null, '', `/host?game=${game.code}${location.search.includes('lang=') ? `&lang=${langSelect.value}` : ''}`);
      await open(game.code, game.hostToken);
    } catch (err) {
      error.textContent = (err as Error).message;
    } finally {
      create.disabled = false;
      create.textContent = t('host.create');
    }
  });

  // A reload of the teacher's page goes straight back into its game.
  const s = stored();
  const wanted = new URLSearchParams(location.search).get('game');
  if (s && wanted && wanted.toUpperCase() === s.code) void open(s.code, s.hostToken);
}

void main();
