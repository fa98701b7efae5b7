// A phone's role console in a scenario round: a few large controls for the player's roles, the
// metrics those roles need, failure-reason badges, the error budget as "lives", and an alarm when
// it burns fast. Built once per round and updated in place, so a tap is never lost to a re-render.
import { t } from '../i18n.ts';
import { el } from '../ui/dom.ts';
import { ACTIONS, costWith } from '../../../shared/sim/actions.ts';
import type { SimAction } from '../../../shared/sim/types.ts';
import { COMPONENT_IDS, FAILURE_IDS, HEALTH_IDS, type GameView, type OpsDetailView } from '../view/model.ts';

type Role = 'edge' | 'compute' | 'data' | 'observability';
type Send = (action: SimAction) => void;

const LIVES = 5;
/** Burn rate (×100) from which the phone sounds the alarm: the fast-burn page threshold, 14.4×. */
const ALARM_BURN = 1440;

export class OpsConsole {
  readonly root = el('section', { className: 'ops' });
  private readonly header = el('div', { className: 'ops-head' });
  private readonly lives = el('div', { className: 'lives', role: 'img' });
  private readonly kpis = el('div', { className: 'kpis' });
  private readonly badges = el('div', { className: 'badges', role: 'status' });
  private readonly rolesLine = el('p', { className: 'muted roles' });
  private readonly controls = el('div', { className: 'controls' });
  private readonly panels = el('div', { className: 'panels' });
  private builtFor = '';
  private updaters: ((d: OpsDetailView) => void)[] = [];
  private alarmed = false;

  constructor(private readonly send: Send) {
    this.root.append(this.header, this.lives, this.kpis, this.badges, this.rolesLine, this.controls, this.panels);
  }

  update(v: GameView, playerId: string, clockOffset: number, timeLeftMs: number): void {
    const d = v.scenario.details.find((x) => x.members.some((m) => m.playerId === playerId)) ?? v.scenario.details[0];
    const me = d?.members.find((m) => m.playerId === playerId);
    const roles = (me?.roles.split(',').filter(Boolean) ?? []) as Role[];
    const team = d?.team ?? 0;
    const ops = v.scenario.ops[team];
    void clockOffset;
    this.header.replaceChildren(el('strong', {}, v.scenario.title), el('span', { className: 'time' }, t('ops.timeLeft', { time: formatTime(timeLeftMs) })));
    if (!d || !ops) {
      this.rolesLine.textContent = t('ops.waitRoles');
      return;
    }
    const key = `${team}|${roles.join(',')}`;
    if (key !== this.builtFor) this.build(roles, key);
    const alive = Math.ceil((ops.budget / 100) * LIVES);
    this.lives.replaceChildren(el('span', { className: 'label' }, t('ops.budget')), ...Array.from({ length: LIVES }, (_, i) => el('span', { className: i < alive ? 'life' : 'life lost' }, i < alive ? '♥' : '♡')));
    this.lives.setAttribute('aria-label', `${t('ops.budget')}: ${ops.budget} %`);
    this.kpis.replaceChildren(
      kpi(t('ops.availability'), `${(ops.availability / 100).toFixed(2)} %`),
      kpi(t('ops.latency'), `${ops.p95} ms`),
      kpi(t('ops.throughput'), String(ops.throughput)),
      kpi(t('ops.credits'), String(d.credits)),
    );
    const reasons = FAILURE_IDS.map((id, i) => ({ id: id as string, n: d.failedBy[i] ?? 0 })).concat([{ id: 'throttled', n: d.shed }]).filter((r) => r.n > 0).sort((a, b) => b.n - a.n).slice(0, 3);
    this.badges.replaceChildren(...reasons.map((r) => el('span', { className: `badge ${r.id === 'throttled' ? 'shed' : ''}` }, `${t(`ops.failures.${r.id}`)} · ${r.n}/s`)));
    const alarm = d.burnRate >= ALARM_BURN;
    this.root.classList.toggle('alarm', alarm);
    if (alarm && !this.alarmed) {
      this.badges.prepend(el('span', { className: 'badge alarm-text' }, t('ops.burnAlarm')));
      navigator.vibrate?.([120, 80, 120]);
    }
    this.alarmed = alarm;
    for (const u of this.updaters) u(d);
  }

  private build(roles: Role[], key: string): void {
    this.builtFor = key;
    this.updaters = [];
    this.rolesLine.textContent = t('ops.yourRoles', { roles: roles.map((r) => t(`ops.roles.${r}`)).join(' + ') });
    const sections: HTMLElement[] = [];
    if (roles.includes('edge')) sections.push(this.edgeControls());
    if (roles.includes('compute')) sections.push(this.computeControls());
    if (roles.includes('data')) sections.push(this.dataControls());
    if (roles.includes('observability')) sections.push(this.observabilityPanel());
    this.controls.replaceChildren(...sections);
    this.panels.replaceChildren(this.teammates());
  }

  /** A button that sends an action and shows its cost; `label` and `state` refresh on each update. */
  private actionButton(label: (d: OpsDetailView) => string, action: (d: OpsDetailView) => SimAction, opts: { pressed?: (d: OpsDetailView) => boolean; enabled?: (d: OpsDetailView) => boolean; aria?: (d: OpsDetailView) => string } = {}): HTMLButtonElement {
    let last: OpsDetailView | null = null;
    const b = el('button', { type: 'button', className: 'act' });
    b.onclick = () => {
      if (!last) return;
      const a = action(last);
      this.send(a);
    };
    this.updaters.push((d) => {
      last = d;
      const a = action(d);
      const cost = costWith([d.desiredA, d.desiredB], a);
      const text = opts.aria ? label(d) : `${label(d)} · ${t('ops.cost', { cost })}`;
      if (b.textContent !== text) b.textContent = text;
      if (opts.aria) b.setAttribute('aria-label', `${opts.aria(d)} · ${t('ops.cost', { cost })}`);
      if (opts.pressed) b.setAttribute('aria-pressed', String(opts.pressed(d)));
      // An action the team cannot afford is greyed out rather than refused after a tap.
      b.disabled = (opts.enabled ? !opts.enabled(d) : false) || cost > d.credits;
    });
    return b;
  }

  private edgeControls(): HTMLElement {
    const onOff = (on: boolean) => t(on ? 'ops.on' : 'ops.off');
    const rates = [0, 100, 250, 500, 1000, 2500, 5000];
    const select = el('select', { className: 'rate' });
    select.setAttribute('aria-label', t('ops.actions.rate-limit'));
    select.append(...rates.map((r) => el('option', { value: String(r), textContent: r === 0 ? t('ops.rateOff') : `${r}/s` })));
    const apply = this.actionButton(() => `${t('ops.actions.rate-limit')}: ${t('ops.apply')}`, () => ({ type: 'rate-limit', rps: Number(select.value) }));
    this.updaters.push((d) => {
      if (document.activeElement !== select) select.value = String(rates.includes(d.rateLimit) ? d.rateLimit : 0);
    });
    return section(t('ops.roles.edge'), [
      this.actionButton((d) => `${t('ops.actions.cdn')}: ${onOff(d.cdnOn)}`, (d) => ({ type: 'cdn', on: !d.cdnOn }), { pressed: (d) => d.cdnOn }),
      el('div', { className: 'row' }, select, apply),
      this.actionButton((d) => `${t('ops.actions.block-abuse')}: ${onOff(d.blockOn)}`, (d) => ({ type: 'block-abuse', on: !d.blockOn }), { pressed: (d) => d.blockOn }),
      this.actionButton(
        (d) => `${t('ops.actions.lb-policy')}: ${t(`ops.policies.${d.lbPolicy || 'round-robin'}`)}`,
        (d) => ({ type: 'lb-policy', policy: d.lbPolicy === 'least-connections' ? 'round-robin' : 'least-connections' }),
      ),
    ], [this.metric((d) => `${t('ops.components.edge')}: ${d.util[0] ?? 0} % · ${t('ops.failures.throttled')}: ${d.shed}/s`)]);
  }

  private computeControls(): HTMLElement {
    const zoneRow = (zone: 'a' | 'b') => {
      const desired = (d: OpsDetailView) => (zone === 'a' ? d.desiredA : d.desiredB);
      const up = (d: OpsDetailView) => (zone === 'a' ? d.instancesA : d.instancesB);
      const count = el('span', { className: 'count' });
      const Z = zone.toUpperCase();
      this.updaters.push((d) => (count.textContent = `${t('ops.zone', { zone: Z })}: ${up(d)}/${desired(d)} · ${t('ops.cost', { cost: ACTIONS.scale.cost })}`));
      return el(
        'div',
        { className: 'row scale' },
        this.actionButton(() => '−', (d) => ({ type: 'scale', zone, count: Math.max(0, desired(d) - 1) }), { enabled: (d) => desired(d) > 0, aria: (d) => `${t('ops.actions.scale')} ${t('ops.zone', { zone: Z })} → ${Math.max(0, desired(d) - 1)}` }),
        count,
        this.actionButton(() => '+', (d) => ({ type: 'scale', zone, count: Math.min(10, desired(d) + 1) }), { enabled: (d) => desired(d) < 10, aria: (d) => `${t('ops.actions.scale')} ${t('ops.zone', { zone: Z })} → ${Math.min(10, desired(d) + 1)}` }),
      );
    };
    const targets = [50, 60, 70, 80];
    return section(t('ops.roles.compute'), [
      zoneRow('a'),
      zoneRow('b'),
      this.actionButton((d) => `${t('ops.actions.autoscale')}: ${d.autoscaleOn ? t('ops.target', { pct: d.autoscaleTarget }) : t('ops.off')}`, (d) => (d.autoscaleOn ? { type: 'autoscale', on: false } : { type: 'autoscale', on: true, target: (targets[1] ?? 60) / 100 }), { pressed: (d) => d.autoscaleOn }),
      this.actionButton(() => t('ops.actions.rollback'), () => ({ type: 'rollback' }), { enabled: (d) => d.canRollback }),
      el('div', { className: 'row' }, this.actionButton(() => t('ops.actions.restart', { zone: 'A' }), () => ({ type: 'restart', zone: 'a' })), this.actionButton(() => t('ops.actions.restart', { zone: 'B' }), () => ({ type: 'restart', zone: 'b' }))),
      el('div', { className: 'row' }, this.actionButton((d) => `${t('ops.actions.drain', { zone: 'A' })}: ${t(d.drainedA ? 'ops.on' : 'ops.off')}`, (d) => ({ type: 'drain', zone: 'a', on: !d.drainedA }), { pressed: (d) => d.drainedA }), this.actionButton((d) => `${t('ops.actions.drain', { zone: 'B' })}: ${t(d.drainedB ? 'ops.on' : 'ops.off')}`, (d) => ({ type: 'drain', zone: 'b', on: !d.drainedB }), { pressed: (d) => d.drainedB })),
    ], [this.metric((d) => `${t('ops.utilization')}: A ${d.util[2] ?? 0} % · B ${d.util[3] ?? 0} %${d.booting ? ` · ${t('ops.booting', { count: d.booting })}` : ''}`)]);
  }

  private dataControls(): HTMLElement {
    return section(t('ops.roles.data'), [
      this.actionButton(() => t('ops.actions.warm-cache'), () => ({ type: 'warm-cache' })),
      this.actionButton(() => t('ops.actions.add-replica'), () => ({ type: 'add-replica' })),
      this.actionButton(() => t('ops.actions.failover'), () => ({ type: 'failover' })),
      this.actionButton((d) => `${t('ops.actions.circuit-breaker')}: ${t(d.breakerOn ? 'ops.on' : 'ops.off')}`, (d) => ({ type: 'circuit-breaker', on: !d.breakerOn }), { pressed: (d) => d.breakerOn }),
    ], [this.metric((d) => `${t('ops.cacheHit')}: ${d.cacheHit} % · ${t('ops.components.db')}: ${d.util[5] ?? 0} % · ${t('ops.replicas')}: ${d.replicas}`)]);
  }

  private observabilityPanel(): HTMLElement {
    const bars = el('div', { className: 'bars' });
    const alerts = el('div', { className: 'alerts' });
    const findings = el('p', { className: 'findings' });
    const latency = el('p', { className: 'muted' });
    let alertKey = '';
    this.updaters.push((d) => {
      bars.replaceChildren(
        ...COMPONENT_IDS.map((c, i) => {
          const pct = Math.min(100, d.util[i] ?? 0);
          const bar = el('span', { className: 'fill' });
          bar.style.width = `${pct}%`;
          if (pct >= 90) bar.classList.add('hot');
          return el('div', { className: 'bar' }, el('span', { className: 'name' }, t(`ops.components.${c}`)), el('span', { className: 'track' }, bar), el('span', { className: 'pct' }, `${d.util[i] ?? 0} %`));
        }),
      );
      latency.textContent = `p50 ${d.p50} ms · p99 ${d.p99} ms · burn ${(d.burnRate / 100).toFixed(1)}×`;
      const key = d.alerts.map((a) => a.id).join(',');
      if (key !== alertKey) {
        alertKey = key;
        alerts.replaceChildren(
          ...(d.alerts.length === 0
            ? [el('p', { className: 'muted' }, t('ops.noAlerts'))]
            : d.alerts.map((a) => {
                const ack = el('button', { type: 'button', className: 'act small', textContent: t('ops.actions.ack'), onclick: () => this.send({ type: 'ack', alert: a.id }) });
                return el('div', { className: `alert ${a.severity}` }, el('span', {}, `#${a.id} ${t(`ops.severity.${a.severity}`)} · ${a.firedAt} s`), ack);
              })),
        );
      }
      findings.textContent = d.findings.length ? d.findings.map((f) => t(`ops.causes.${f}`)).join(' · ') : t('ops.noFindings');
    });
    return section(t('ops.roles.observability'), [this.actionButton(() => t('ops.actions.diagnose'), () => ({ type: 'diagnose' }))], [
      el('h4', {}, t('ops.utilization')),
      bars,
      latency,
      el('h4', {}, t('ops.alerts')),
      alerts,
      el('h4', {}, t('ops.findings')),
      findings,
    ]);
  }

  private metric(text: (d: OpsDetailView) => string): HTMLElement {
    const p = el('p', { className: 'muted metric' });
    this.updaters.push((d) => (p.textContent = text(d)));
    return p;
  }

  private teammates(): HTMLElement {
    const list = el('p', { className: 'muted team-roles' });
    this.updaters.push((d) => {
      list.textContent = `${t('ops.teammates')}: ${d.members.map((m) => `${m.name} (${m.roles.split(',').map((r) => t(`ops.roles.${r}`)).join(' + ')})`).join(' · ')}`;
    });
    return list;
  }
}

function section(title: string, controls: HTMLElement[], extra: HTMLElement[] = []): HTMLElement {
  return el('div', { className: 'role' }, el('h3', {}, title), ...controls, ...extra);
}

function kpi(label: string, value: string): HTMLElement {
  return el('div', { className: 'kpi' }, el('span', { className: 'label' }, label), el('strong', {}, value));
}

export function formatTime(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export function healthLabel(code: number): string {
  return t(`ops.health.${HEALTH_IDS[code] ?? 'ok'}`);
}
