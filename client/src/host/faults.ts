// The teacher's Faults menu during a scenario round (a game day): a "Faults" button opening a
// panel whose items are buttons named after the faults; the picked fault shows its few
// parameters (preset), a target ("All teams" or one team by name) and "Inject". What is injected
// this round is listed, marked once the ops center's synced feed shows it. The server decides
// everything (shared/rules/faults.ts); this module only sends the intent and shows the answer.
import './faults.css';
import { currentLang, list, t } from '../i18n.ts';
import { el } from '../ui/dom.ts';
import { on, send, type GameRoom } from '../net/connection.ts';
import type { GameView } from '../view/model.ts';
import { FAULT_IDS, FAULT_LIMITS, FAULTS, faultInWords, roundClock, targetInWords, type FaultId, type FaultParamSpec, type FaultParams } from '../../../shared/rules/fault-catalog.ts';

export interface FaultsMenu {
  /** The "Faults" button, for the console's control bar (shown only during a scenario round). */
  readonly button: HTMLButtonElement;
  /** The panel it opens, for the console's root. */
  readonly panel: HTMLElement;
  /** Listens to a (re)joined room: acknowledgements and refusals of injections. */
  attach(room: GameRoom): void;
  update(v: GameView): void;
}

interface Sent {
  readonly fault: FaultId;
  readonly params: FaultParams;
  readonly target: 'all' | number;
  readonly tick: number;
  readonly roundMs: number;
  applied: boolean;
}

const teamLabel = (team: number): string => t('teams.team', { name: list('teams.names')[team] ?? String(team + 1) });

export function createFaultsMenu(): FaultsMenu {
  let room: GameRoom | null = null;
  let view: GameView | null = null;
  let selected: FaultId = FAULT_IDS[0]!;
  let lang = '';
  let teamCount = -1;
  let roundKey = '';
  let sent: Sent[] = [];

  const button = el('button', { type: 'button', hidden: true });
  button.dataset.action = 'faults';
  button.setAttribute('aria-controls', 'faults-panel');
  button.setAttribute('aria-expanded', 'false');
  const panel = el('section', { className: 'faults-panel', id: 'faults-panel', hidden: true });
  const heading = el('h2', { id: 'faults-title' });
  panel.setAttribute('aria-labelledby', 'faults-title');
  const intro = el('p', { className: 'hint' });
  const items = el('div', { className: 'fault-items' });
  const params = el('div', { className: 'fault-params' });
  const target = el('select', { id: 'fault-target' });
  const targetLabel = el('label', { htmlFor: 'fault-target' });
  const inject = el('button', { type: 'button', className: 'danger' });
  const status = el('p', { className: 'fault-status', role: 'status' });
  const historyTitle = el('h3');
  const history = el('ol', { className: 'fault-history' });
  const watch = el('p', { className: 'hint' });
  panel.append(heading, intro, items, params, el('div', { className: 'fault-target' }, targetLabel, target, inject), status, historyTitle, history, watch);

  /** Sits just above the control bar the button is in, whatever its height (it wraps on narrow screens). */
  const place = () => {
    if (panel.hidden) return;
    const top = (button.closest('nav') ?? button.parentElement)?.getBoundingClientRect().top ?? window.innerHeight;
    panel.style.bottom = `${Math.max(0, window.innerHeight - top) + 8}px`;
    panel.style.maxHeight = `${Math.max(160, top - 16)}px`;
  };
  window.addEventListener('resize', place);
  const open = (yes: boolean) => {
    panel.hidden = !yes;
    button.setAttribute('aria-expanded', String(yes));
    place();
    if (yes) items.querySelector<HTMLButtonElement>('[aria-pressed="true"]')?.focus();
  };
  button.onclick = () => open(panel.hidden !== false);
  panel.addEventListener('keydown', (ev) => {
    if (ev.key !== 'Escape') return;
    ev.stopPropagation();
    open(false);
    button.focus();
  });

  const field = (name: string, spec: FaultParamSpec): HTMLElement => {
    const id = `fault-param-${name}`;
    const label = el('label', { htmlFor: id, textContent: t(`faults.params.${name}`) });
    let input: HTMLInputElement | HTMLSelectElement;
    if (spec.kind === 'choice') {
      input = el('select', { id });
      for (const v of spec.values) input.append(el('option', { value: v, textContent: t(`faults.values.${v}`), selected: v === spec.preset }));
    } else {
      input = el('input', { id, type: 'number', min: String(spec.min), max: String(spec.max), step: String(spec.step), value: String(spec.preset), required: true });
    }
    input.dataset.param = name;
    const hint = name === 'seconds' && spec.kind !== 'choice' && spec.min === 0 ? [el('small', { textContent: t('faults.untilFixedHint') })] : [];
    return el('div', { className: 'fault-param' }, label, input, ...hint);
  };

  const renderParams = () => {
    const spec = FAULTS[selected];
    params.replaceChildren(...Object.entries(spec.params as Readonly<Record<string, FaultParamSpec>>).map(([name, p]) => field(name, p)));
    for (const b of items.querySelectorAll<HTMLButtonElement>('button')) b.setAttribute('aria-pressed', String(b.dataset.fault === selected));
  };

  /** The parameters as typed, or null (and a message) when one is not a number. */
  const readParams = (): FaultParams | null => {
    const out: Record<string, number | string> = {};
    for (const input of params.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[data-param]')) {
      if (input instanceof HTMLSelectElement) out[input.dataset.param!] = input.value;
      else if (Number.isFinite(input.valueAsNumber)) out[input.dataset.param!] = input.valueAsNumber;
      else {
        status.textContent = t('refusal.out_of_range');
        input.focus();
        return null;
      }
    }
    return out;
  };

  inject.onclick = () => {
    const p = readParams();
    if (!p || !room) return;
    const to = target.value === 'all' ? 'all' : Number(target.value);
    status.textContent = '';
    send(room, 'host:inject', { fault: selected, target: to, params: p });
  };

  const renderTexts = () => {
    lang = currentLang();
    button.textContent = t('faults.button');
    heading.textContent = t('faults.title');
    intro.textContent = t('faults.intro');
    watch.textContent = t('faults.watch');
    targetLabel.textContent = t('faults.target');
    inject.textContent = t('faults.inject');
    historyTitle.textContent = t('faults.history');
    items.replaceChildren(
      ...FAULT_IDS.map((id) => {
        const b = el('button', { type: 'button', textContent: t(`faults.names.${id}`), onclick: () => ((selected = id), renderParams()) });
        b.dataset.fault = id;
        return b;
      }),
    );
    renderParams();
    teamCount = -1;
    renderHistory();
  };

  const renderTargets = (count: number) => {
    const before = target.value;
    target.replaceChildren(el('option', { value: 'all', textContent: t('faults.allTeams') }), ...Array.from({ length: count }, (_, team) => el('option', { value: String(team), textContent: teamLabel(team) })));
    if ([...target.options].some((o) => o.value === before)) target.value = before;
    teamCount = count;
  };

  const renderHistory = () => {
    if (sent.length === 0) {
      history.replaceChildren(el('li', { className: 'muted none', textContent: t('faults.none') }));
      return;
    }
    history.replaceChildren(
      ...sent.map((f) =>
        el(
          'li',
          { className: f.applied ? 'applied' : '' },
          el('time', { textContent: roundClock(f.roundMs) }),
          ` ${faultInWords(f, t)} → ${targetInWords(f, t, teamLabel)} · `,
          el('span', { textContent: f.applied ? t('faults.applied') : t('faults.pending') }),
        ),
      ),
    );
  };

  return {
    button,
    panel,
    attach(r) {
      room = r;
      on(r, 'host:injected', (m) => {
        const fault = FAULT_IDS.find((id) => id === m.fault);
        if (!fault) return;
        sent.push({ fault, params: m.params, target: m.target, tick: m.tick, roundMs: m.roundMs, applied: false });
        status.textContent = t('faults.sent', { fault: faultInWords({ fault, params: m.params }, t), target: targetInWords(m, t, teamLabel) });
        renderHistory();
      });
      on(r, 'refused', (m) => {
        if (m.type !== 'host:inject') return;
        status.textContent = m.code === 'too_many_faults' ? `${t('refusal.too_many_faults')} ${t('faults.limit', { n: FAULT_LIMITS.perMinute })}` : t(`refusal.${m.code}`);
      });
    },
    update(v) {
      view = v;
      const key = `${v.code}|${v.roundIndex}|${v.scenario.cardId}`;
      if (key !== roundKey) {
        roundKey = key;
        sent = [];
        status.textContent = '';
        renderHistory();
      }
      if (currentLang() !== lang) renderTexts();
      if (v.teamCount !== teamCount) renderTargets(v.teamCount);
      const running = v.phase === 'scenario';
      button.hidden = !running;
      if (!running && !panel.hidden) open(false);
      place();
      inject.disabled = !running || v.paused;
      // an injection shows on the ops center once a targeted team's synced feed carries it
      let changed = false;
      for (const f of sent) {
        if (f.applied) continue;
        f.applied = (view.scenario.ops ?? []).some((o, team) => (f.target === 'all' || f.target === team) && (o.feed ?? []).some((i) => i.kind === 'injected' && i.detail === f.fault && i.tick === f.tick));
        changed ||= f.applied;
      }
      if (changed) renderHistory();
    },
  };
}
