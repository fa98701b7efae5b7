// Side-by-side replay of two teams of one scenario round: both runs are rebuilt in the browser
// from the same card and seed plus each team's action log (the pure simulation), scrubbed by a
// time slider or played at PLAY_TICKS_PER_SECOND; each side shows its metrics and service health.
import { createReplayer, replayInputOf, type Replayer } from '../../../shared/rules/debrief.ts';
import { isTeacherFault, type LoggedAction } from '../../../shared/rules/scenario.ts';
import type { ScenarioResult } from '../../../shared/rules/results.ts';
import { COMPONENTS, type SimSummary } from '../../../shared/sim/index.ts';
import { t } from '../i18n.ts';
import { el } from '../ui/dom.ts';
import { actionText, pct, simTime, teamLabel } from './format.ts';

/** Simulated seconds played per real second (a 40-minute round plays in 40 s). */
const PLAY_TICKS_PER_SECOND = 60;
const HEALTH_GLYPH = { ok: '●', degraded: '▲', down: '✖' } as const;

export function compareWidget(s: ScenarioResult, playerName: (id: string) => string): HTMLElement | null {
  if (s.teams.length < 2 || !replayInputOf(s, s.teams[0]!)) return null;
  const end = s.endedAtTick ?? s.durationTicks;
  const section = el('section', { className: 'compare' });
  const uid = `cmp-${s.round}`;
  const pick = (side: 'left' | 'right', initial: number) => {
    const select = el('select', { id: `${uid}-${side}` });
    s.teams.forEach((team, i) => select.append(el('option', { value: String(i), textContent: teamLabel(team.team), selected: i === initial })));
    return select;
  };
  const selects = [pick('left', 0), pick('right', 1)] as const;
  const slider = el('input', { type: 'range', min: '0', max: String(end), step: '1', value: '0', id: `${uid}-time` });
  const clock = el('output', { className: 'clock', textContent: simTime(0) });
  const play = el('button', { type: 'button', textContent: t('results.play') });
  const panes = [el('div', { className: 'pane' }), el('div', { className: 'pane' })] as const;
  let replayers: Replayer[] = [];
  let playing = false;
  let last = 0;

  const build = () => {
    replayers = selects.map((sel) => createReplayer(replayInputOf(s, s.teams[Number(sel.value)]!)!));
    show();
  };
  const show = () => {
    const tick = Number(slider.value);
    clock.textContent = simTime(tick);
    replayers.forEach((r, i) => {
      const team = s.teams[Number(selects[i]!.value)]!;
      renderPane(panes[i]!, team.team, r.seek(tick), team.log.filter((a): a is LoggedAction => !isTeacherFault(a) && a.tick < tick).at(-1), playerName);
    });
  };
  const frame = (now: number) => {
    if (!playing) return;
    const dt = last ? (now - last) / 1000 : 0;
    last = now;
    const next = Math.min(end, Number(slider.value) + Math.max(1, Math.round(dt * PLAY_TICKS_PER_SECOND)));
    slider.value = String(next);
    show();
    if (next >= end) stop();
    else requestAnimationFrame(frame);
  };
  const stop = () => {
    playing = false;
    play.textContent = t('results.play');
  };
  play.onclick = () => {
    if (playing) return stop();
    if (Number(slider.value) >= end) slider.value = '0';
    playing = true;
    last = 0;
    play.textContent = t('results.pause');
    requestAnimationFrame(frame);
  };
  slider.oninput = show;
  for (const sel of selects) sel.onchange = build;

  section.append(
    el('h4', { textContent: t('results.compare') }),
    el('p', { className: 'muted', textContent: t('results.compareIntro') }),
    el(
      'div',
      { className: 'compare-controls no-print' },
      el('label', { htmlFor: selects[0].id, textContent: t('results.left') }),
      selects[0],
      el('label', { htmlFor: selects[1].id, textContent: t('results.right') }),
      selects[1],
      play,
      el('label', { htmlFor: slider.id, textContent: t('results.time') }),
      slider,
      clock,
    ),
    el('div', { className: 'panes' }, ...panes),
  );
  build();
  return section;
}

function renderPane(pane: HTMLElement, team: number, m: SimSummary, lastAction: { action: Parameters<typeof actionText>[0]; playerId: string } | undefined, playerName: (id: string) => string): void {
  const row = (label: string, value: string) => el('div', { className: 'metric' }, el('dt', { textContent: label }), el('dd', { textContent: value }));
  pane.replaceChildren(
    el('h5', { textContent: teamLabel(team) }),
    el(
      'dl',
      { className: 'metrics' },
      row(t('ops.availability'), `${pct(m.availability, 2)} %`),
      row(t('ops.latency'), `${m.p95} ms`),
      row(t('ops.errorRate'), `${pct(m.errorRate, 1)} %`),
      row(t('ops.budget'), `${pct(m.budgetRemaining)} %`),
      row(t('ops.instances'), `${t('ops.zone', { zone: 'A' })}: ${m.instances.a} · ${t('ops.zone', { zone: 'B' })}: ${m.instances.b}${m.instances.booting ? ` · ${t('ops.booting', { count: m.instances.booting })}` : ''}`),
      row(t('ops.credits'), String(m.credits)),
      row(t('results.lastAction'), lastAction ? `${actionText(lastAction.action)} (${playerName(lastAction.playerId)})` : t('results.none')),
    ),
    el(
      'ul',
      { className: 'health' },
      ...COMPONENTS.map((c) => {
        const h = m.components[c].health;
        return el('li', { className: `h-${h}` }, el('span', { className: 'dot', textContent: HEALTH_GLYPH[h], ariaHidden: 'true' }), ` ${t(`ops.components.${c}`)}: ${t(`ops.health.${h}`)}`);
      }),
    ),
  );
}
