// A phone's console in a scenario round: the incident as the team's monitoring shows it, the
// error-budget lives, a few numbers, and the controls of the player's roles. A phone holding
// several roles shows one tab per role, with a badge when a hidden tab has something new (a firing
// alert, an incident that role answers). Buttons say what a tap will do and what it costs; after an
// action the console says what was done and when it takes effect. Built once per round and
// updated in place (text only where it changed), so a tap is never lost to a re-render.
import { t } from '../i18n.ts';
import { el } from '../ui/dom.ts';
import { ACTIONS, PHONE_CHOICES, costWith } from '../../../shared/sim/actions.ts';
import { APP, AUTOSCALE, DB, LIVES_MAX } from '../../../shared/sim/constants.ts';
import { parseIncidentParams } from '../../../shared/sim/signal.ts';
import type { SimAction } from '../../../shared/sim/types.ts';
import { COMPONENT_IDS, FAILURE_IDS, HEALTH_IDS, type GameView, type OpsDetailView, type OpsSummaryView } from '../view/model.ts';
import { formatNumber } from './quiz.ts';

type Role = 'edge' | 'compute' | 'data' | 'observability';
const ROLE_ORDER: readonly Role[] = ['edge', 'compute', 'data', 'observability'];

/** Burn rate (×100, as synced) from which the console warns: the fast-burn page threshold, 14.4×. */
const WARN_BURN = 1440;
/** Feed entries the Observability tab lists. */
const FEED_SHOWN = 4;

/** Which role answers the incident monitoring shows: its tab gets a badge when hidden. */
const INCIDENT_ROLE: Readonly<Record<string, Role>> = {
  'ops.incident.trafficSurge': 'edge',
  'ops.incident.botFlood': 'edge',
  'ops.incident.configErrorEdge': 'edge',
  'ops.incident.configErrorLb': 'edge',
  'ops.incident.zoneLost': 'compute',
  'ops.incident.instancesLost': 'compute',
  'ops.incident.badDeploy': 'compute',
  'ops.incident.memoryLeak': 'compute',
  'ops.incident.planned': 'compute',
  'ops.incident.slow': 'compute',
  'ops.incident.partition': 'compute',
  'ops.incident.dbDown': 'data',
  'ops.incident.dbLag': 'data',
  'ops.incident.cacheCold': 'data',
  'ops.incident.dependencySlow': 'data',
  'ops.incident.errors': 'observability',
};

interface Frame {
  readonly d: OpsDetailView;
  readonly ops: OpsSummaryView;
  readonly v: GameView;
}

type Updater = (f: Frame) => void;

/** Sets text only when it changed (no layout work for an unchanged number). */
function setText(node: HTMLElement, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}

const seconds = (simSec: number, ticksPerSecond: number) => Math.max(1, Math.round(simSec / Math.max(1, ticksPerSecond)));

export class OpsConsole {
  readonly root = el('section', { className: 'ops' });
  private readonly title = el('h1', { tabIndex: -1 });
  private readonly incident = el('p', { className: 'incident' });
  private readonly lives = el('p', { className: 'lives' });
  private readonly kpis = el('div', { className: 'kpis' });
  private readonly burn = el('p', { className: 'burn', hidden: true });
  private readonly rolesLine = el('p', { className: 'muted roles' });
  private readonly tabs = el('div', { className: 'tabs' });
  private readonly panels = el('div', { className: 'panels' });
  private readonly done = el('p', { className: 'done' });
  private readonly team = el('p', { className: 'muted team-roles' });
  private builtFor = '';
  private updaters: Updater[] = [];
  private roles: Role[] = [];
  private selected: Role = 'edge';
  private tabButtons = new Map<Role, { tab: HTMLButtonElement; badge: HTMLElement; panel: HTMLElement }>();
  /** What each role's attention was when its tab was last seen, to badge what is new. */
  private seen = new Map<Role, string>();
  private attention = new Map<Role, string>();
  private last: Frame | null = null;
  private lastSent: { action: SimAction; before: OpsDetailView } | null = null;
  private warned = false;

  constructor(
    private readonly send: (action: SimAction) => void,
    private readonly announce: (text: string) => void,
  ) {
    this.incident.setAttribute('role', 'status');
    this.lives.setAttribute('role', 'img');
    this.burn.setAttribute('role', 'alert');
    this.done.setAttribute('role', 'status');
    this.tabs.setAttribute('role', 'tablist');
    this.root.append(this.title, this.incident, this.lives, this.kpis, this.burn, this.rolesLine, this.tabs, this.panels, this.done, this.team);
  }

  update(v: GameView, playerId: string): void {
    const d = v.scenario.details.find((x) => x.members.some((m) => m.playerId === playerId)) ?? v.scenario.details[0];
    setText(this.title, v.scenario.title);
    const ops = d ? v.scenario.ops[d.team] : undefined;
    if (!d || !ops) {
      setText(this.rolesLine, t('ops.waitRoles'));
      return;
    }
    const me = d.members.find((m) => m.playerId === playerId);
    const roles = ROLE_ORDER.filter((r) => (me?.roles.split(',') ?? []).includes(r));
    const key = `${d.team}|${roles.join(',')}`;
    if (key !== this.builtFor) this.build(roles, key);
    const f: Frame = { d, ops, v };
    this.last = f;
    this.renderStatus(f);
    for (const u of this.updaters) u(f);
    this.renderBadges(f);
  }

  /** The server accepted the last action: say what was done and when it takes effect. */
  acknowledged(type: string): void {
    const sent = this.lastSent;
    if (!sent || sent.action.type !== type) {
      setText(this.done, t('ops.sent'));
      return;
    }
    const text = describeAction(sent.action, sent.before, this.last?.v.scenario.ticksPerSecond ?? 10);
    setText(this.done, text);
    this.announce(text);
  }

  private renderStatus({ d, ops, v }: Frame): void {
    const signal = ops.incident ? t(ops.incident, parseIncidentParams(ops.incidentParams)) : t('ops.allClear');
    setText(this.incident, signal);
    this.incident.classList.toggle('calm', !ops.incident);
    const alive = Math.max(0, Math.min(LIVES_MAX, ops.lives));
    setText(this.lives, `${t('ops.lives')} ${'♥'.repeat(alive)}${'♡'.repeat(LIVES_MAX - alive)}`);
    this.lives.setAttribute('aria-label', t('ops.livesLeft', { count: alive, max: LIVES_MAX }));
    if (this.kpis.childElementCount === 0) this.kpis.append(kpi('availability'), kpi('latency'), kpi('credits'));
    const [a, l, c] = [...this.kpis.children].map((k) => k.lastElementChild as HTMLElement);
    setText(a!, `${formatNumber(Math.round(ops.availabilityRecent) / 100)} %`);
    setText(l!, `${formatNumber(ops.p95)} ms`);
    setText(c!, formatNumber(d.credits));
    // The burn warning stays as long as it is true, and goes when it no longer is.
    const burning = d.burnRate >= WARN_BURN;
    this.burn.hidden = !burning;
    if (burning) setText(this.burn, t('ops.burnWarning', { rate: formatNumber(Math.round(d.burnRate / 10) / 10) }));
    if (burning && !this.warned) navigator.vibrate?.([120, 80, 120]);
    this.warned = burning;
    void v;
  }

  private build(roles: Role[], key: string): void {
    this.builtFor = key;
    this.updaters = [];
    this.roles = roles;
    this.tabButtons.clear();
    setText(this.rolesLine, t('ops.yourRoles', { roles: roles.map((r) => t(`ops.roles.${r}`)).join(' + ') }));
    const panels = roles.map((r) => this.panelFor(r));
    if (!roles.includes(this.selected)) this.selected = roles[0] ?? 'edge';
    this.tabs.replaceChildren();
    this.tabs.hidden = roles.length < 2;
    roles.forEach((role, i) => {
      const panel = panels[i]!;
      panel.id = `ops-panel-${role}`;
      panel.setAttribute('role', roles.length > 1 ? 'tabpanel' : 'region');
      panel.setAttribute('aria-label', t(`ops.roles.${role}`));
      const badge = el('span', { className: 'badge', hidden: true }, '!');
      badge.setAttribute('aria-hidden', 'true');
      const tab = el('button', { type: 'button', className: 'tab', id: `ops-tab-${role}` }, el('span', {}, t(`ops.roles.${role}`)), badge);
      tab.setAttribute('role', 'tab');
      tab.setAttribute('aria-controls', panel.id);
      tab.onclick = () => this.select(role);
      tab.onkeydown = (ev) => {
        const step = ev.key === 'ArrowRight' ? 1 : ev.key === 'ArrowLeft' ? -1 : 0;
        if (!step) return;
        const next = roles[(roles.indexOf(role) + step + roles.length) % roles.length]!;
        this.select(next);
        this.tabButtons.get(next)?.tab.focus();
      };
      this.tabs.append(tab);
      this.tabButtons.set(role, { tab, badge, panel });
    });
    this.panels.replaceChildren(...panels);
    this.updaters.push(({ d }) => setText(this.team, `${t('ops.teammates')}: ${d.members.map((m) => `${m.name} (${m.roles.split(',').filter(Boolean).map((r) => t(`ops.roles.${r}`)).join(' + ')})`).join(' · ')}`));
    this.select(this.selected);
  }

  private select(role: Role): void {
    this.selected = role;
    for (const [r, { tab, panel }] of this.tabButtons) {
      const on = r === role || this.roles.length < 2;
      tab.setAttribute('aria-selected', String(r === role));
      tab.tabIndex = r === role ? 0 : -1;
      panel.hidden = !on;
    }
    this.seen.set(role, this.attention.get(role) ?? '');
    this.tabButtons.get(role)?.badge.setAttribute('hidden', '');
    this.refreshTabNames();
  }

  /** What each role should look at now; a change while its tab is hidden lights the badge. */
  private renderBadges({ d, ops }: Frame): void {
    const owner = INCIDENT_ROLE[ops.incident];
    for (const role of this.roles) {
      let now = owner === role ? `${ops.incident}|${ops.incidentParams}` : '';
      if (role === 'observability') now = d.alerts.filter((a) => !a.acked).map((a) => a.id).join(',') || (owner === role ? now : '');
      this.attention.set(role, now);
      if (role === this.selected || this.roles.length < 2) this.seen.set(role, now);
      const entry = this.tabButtons.get(role);
      if (!entry) continue;
      const fresh = now !== '' && now !== (this.seen.get(role) ?? '');
      if (entry.badge.hidden === fresh) {
        entry.badge.hidden = !fresh;
        if (fresh) this.announce(t('ops.newIn', { role: t(`ops.roles.${role}`) }));
      }
      if (now === '' && role !== this.selected) this.seen.set(role, '');
    }
    this.refreshTabNames();
  }

  private refreshTabNames(): void {
    for (const [role, { tab, badge }] of this.tabButtons) {
      const name = badge.hidden ? t(`ops.roles.${role}`) : t('ops.tabNew', { role: t(`ops.roles.${role}`) });
      if (tab.getAttribute('aria-label') !== name) tab.setAttribute('aria-label', name);
    }
  }

  private panelFor(role: Role): HTMLElement {
    switch (role) {
      case 'edge':
        return this.edgePanel();
      case 'compute':
        return this.computePanel();
      case 'data':
        return this.dataPanel();
      case 'observability':
        return this.observabilityPanel();
    }
  }

  /** A button that sends an action, labelled with what a tap does and what it costs. */
  private actionButton(label: (d: OpsDetailView) => string, action: (d: OpsDetailView) => SimAction, opts: { enabled?: (d: OpsDetailView) => boolean; className?: string; /** the cost goes in the accessible name and next to the button, not on it */ bare?: boolean } = {}): HTMLButtonElement {
    let last: OpsDetailView | null = null;
    const b = el('button', { type: 'button', className: `act ${opts.className ?? ''}`.trim() });
    b.onclick = () => {
      if (!last) return;
      const a = action(last);
      this.lastSent = { action: a, before: last };
      setText(this.done, t('ops.sending'));
      this.send(a);
    };
    this.updaters.push(({ d }) => {
      last = d;
      const cost = costWith([d.desiredA, d.desiredB], action(d));
      setText(b, opts.bare ? label(d) : `${label(d)} · ${cost === 0 ? t('ops.free') : t('ops.cost', { cost })}`);
      // An action the team cannot afford is greyed out rather than refused after a tap.
      b.disabled = (opts.enabled ? !opts.enabled(d) : false) || cost > d.credits;
    });
    return b;
  }

  private line(text: (f: Frame) => string, className = 'state'): HTMLElement {
    const p = el('p', { className });
    this.updaters.push((f) => setText(p, text(f)));
    return p;
  }

  private edgePanel(): HTMLElement {
    const selectId = 'ops-rate';
    const select = el('select', { className: 'rate', id: selectId });
    select.append(...PHONE_CHOICES.rateLimitRps.map((r) => el('option', { value: String(r), textContent: t('ops.perSecond', { n: formatNumber(r) }) })));
    const onOff = (on: boolean) => t(on ? 'ops.isOn' : 'ops.isOff');
    return panel([
      this.line(({ d }) => `${t('ops.actions.cdn')}: ${onOff(d.cdnOn)} · ${t('ops.actions.block-abuse')}: ${onOff(d.blockOn)}`),
      this.line(({ d }) => `${t('ops.actions.rate-limit')}: ${d.rateLimit ? t('ops.perSecond', { n: formatNumber(d.rateLimit) }) : t('ops.rateOff')} · ${t('ops.actions.lb-policy')}: ${t(`ops.policies.${d.lbPolicy || 'round-robin'}`)}`),
      this.actionButton((d) => t(d.cdnOn ? 'ops.do.cdnOff' : 'ops.do.cdnOn'), (d) => ({ type: 'cdn', on: !d.cdnOn })),
      el('div', { className: 'field' }, el('label', { htmlFor: selectId }, t('ops.rateLabel')), el('div', { className: 'row' }, select, this.actionButton(() => t('ops.do.rateSet'), () => ({ type: 'rate-limit', rps: Number(select.value) })))),
      this.actionButton(() => t('ops.do.rateOff'), () => ({ type: 'rate-limit', rps: 0 }), { enabled: (d) => d.rateLimit !== 0 }),
      this.actionButton((d) => t(d.blockOn ? 'ops.do.blockOff' : 'ops.do.blockOn'), (d) => ({ type: 'block-abuse', on: !d.blockOn })),
      this.actionButton(
        (d) => t('ops.do.policy', { policy: t(`ops.policies.${d.lbPolicy === 'least-connections' ? 'round-robin' : 'least-connections'}`) }),
        (d) => ({ type: 'lb-policy', policy: d.lbPolicy === 'least-connections' ? 'round-robin' : 'least-connections' }),
      ),
      this.line(({ d, ops }) => `${t('ops.components.edge')}: ${utilOrHealth(ops, d, 0)} · ${t('ops.failures.throttled')}: ${t('ops.perSecond', { n: formatNumber(d.shed) })}`, 'metric'),
    ]);
  }

  private computePanel(): HTMLElement {
    const zoneRow = (zone: 'a' | 'b') => {
      const Z = zone.toUpperCase();
      const desired = (d: OpsDetailView) => (zone === 'a' ? d.desiredA : d.desiredB);
      const up = (d: OpsDetailView) => (zone === 'a' ? d.instancesA : d.instancesB);
      const count = el('span', { className: 'count' });
      this.updaters.push(({ d }) => setText(count, `${t('ops.zoneCount', { zone: Z, up: up(d), wanted: desired(d) })} · ${t('ops.perInstance', { cost: ACTIONS.scale.cost })}`));
      const step = (delta: -1 | 1) => {
        const to = (d: OpsDetailView) => Math.max(0, Math.min(APP.maxPerZone, desired(d) + delta));
        const b = this.actionButton(() => (delta < 0 ? '−' : '+'), (d) => ({ type: 'scale', zone, count: to(d) }), { enabled: (d) => to(d) !== desired(d), className: 'step-btn', bare: true });
        this.updaters.push(({ d }) => {
          const cost = costWith([d.desiredA, d.desiredB], { type: 'scale', zone, count: to(d) });
          b.setAttribute('aria-label', `${t('ops.actions.scale')} ${t('ops.zone', { zone: Z })} → ${to(d)} · ${cost === 0 ? t('ops.free') : t('ops.cost', { cost })}`);
        });
        return b;
      };
      return el('div', { className: 'row scale' }, step(-1), count, step(1));
    };
    const target = Math.round(PHONE_CHOICES.autoscaleTarget * 100);
    return panel([
      zoneRow('a'),
      zoneRow('b'),
      this.actionButton((d) => (d.autoscaleOn ? t('ops.do.autoscaleOff') : t('ops.do.autoscaleOn', { pct: target })), (d) => (d.autoscaleOn ? { type: 'autoscale', on: false } : { type: 'autoscale', on: true, target: target / 100 })),
      this.actionButton(() => t('ops.do.rollback'), () => ({ type: 'rollback' }), { enabled: (d) => d.canRollback }),
      el('div', { className: 'row' }, this.actionButton(() => t('ops.do.restart', { zone: 'A' }), () => ({ type: 'restart', zone: 'a' })), this.actionButton(() => t('ops.do.restart', { zone: 'B' }), () => ({ type: 'restart', zone: 'b' }))),
      el(
        'div',
        { className: 'row' },
        this.actionButton((d) => t(d.drainedA ? 'ops.do.undrain' : 'ops.do.drain', { zone: 'A' }), (d) => ({ type: 'drain', zone: 'a', on: !d.drainedA })),
        this.actionButton((d) => t(d.drainedB ? 'ops.do.undrain' : 'ops.do.drain', { zone: 'B' }), (d) => ({ type: 'drain', zone: 'b', on: !d.drainedB })),
      ),
      this.line(({ d }) => (d.autoscaleOn ? t('ops.autoscaleState', { pct: d.autoscaleTarget }) : `${t('ops.actions.autoscale')}: ${t('ops.isOff')}`)),
      this.line(({ d, ops }) => `${t('ops.utilization')}: A ${utilOrHealth(ops, d, 2)} · B ${utilOrHealth(ops, d, 3)}${d.booting ? ` · ${t('ops.booting', { count: d.booting })}` : ''}`, 'metric'),
    ]);
  }

  private dataPanel(): HTMLElement {
    return panel([
      this.actionButton(() => t('ops.do.warmCache'), () => ({ type: 'warm-cache' })),
      this.actionButton(() => t('ops.do.addReplica'), () => ({ type: 'add-replica' })),
      this.actionButton(() => t('ops.do.failover'), () => ({ type: 'failover' })),
      this.actionButton((d) => t(d.breakerOn ? 'ops.do.breakerOff' : 'ops.do.breakerOn'), (d) => ({ type: 'circuit-breaker', on: !d.breakerOn })),
      this.line(({ d }) => `${t('ops.actions.circuit-breaker')}: ${t(d.breakerOn ? 'ops.isOn' : 'ops.isOff')} · ${t('ops.replicas')}: ${d.replicas}`),
      // A component that is down shows "down", never a utilization that looks fine.
      this.line(({ d, ops }) => `${t('ops.cacheHit')}: ${health(ops, 4) === 'down' ? t('ops.health.down') : `${d.cacheHit} %`} · ${t('ops.components.db')}: ${utilOrHealth(ops, d, 5)}`, 'metric'),
    ]);
  }

  private observabilityPanel(): HTMLElement {
    const bars = el('div', { className: 'bars' });
    const rows = COMPONENT_IDS.map((c) => {
      const fill = el('span', { className: 'fill' });
      const value = el('span', { className: 'pct' });
      bars.append(el('div', { className: 'util' }, el('span', { className: 'name' }, t(`ops.components.${c}`)), el('span', { className: 'track' }, fill), value));
      return { fill, value };
    });
    const alerts = el('ul', { className: 'alerts' });
    const feed = el('ul', { className: 'feed' });
    let alertKey: string | null = null;
    this.updaters.push(({ d, ops, v }) => {
      rows.forEach(({ fill, value }, i) => {
        const down = health(ops, i) === 'down';
        const pct = down ? 0 : Math.min(100, d.util[i] ?? 0);
        const width = `${pct}%`;
        if (fill.style.width !== width) fill.style.width = width;
        fill.classList.toggle('hot', pct >= 90);
        value.classList.toggle('down', down);
        setText(value, utilOrHealth(ops, d, i));
      });
      const tps = v.scenario.ticksPerSecond || 10;
      const key = d.alerts.map((a) => `${a.id}:${a.acked}:${Math.floor(ago(v, a.firedAt, tps) / 5)}`).join(',');
      if (key !== alertKey) {
        alertKey = key;
        alerts.replaceChildren(
          ...(d.alerts.length === 0
            ? [el('li', { className: 'muted' }, t('ops.noAlerts'))]
            : d.alerts.map((a) => {
                const text = el('span', {}, t('ops.alertLine', { id: a.id, severity: t(`ops.severity.${a.severity}`), ago: t('ops.ago', { s: ago(v, a.firedAt, tps) }) }));
                if (a.acked) return el('li', { className: `alert ${a.severity} acked` }, text, el('span', { className: 'muted' }, t('ops.acked')));
                const ack = el('button', { type: 'button', className: 'act small', textContent: t('ops.do.ack'), onclick: () => {
                  this.lastSent = { action: { type: 'ack', alert: a.id }, before: d };
                  this.send({ type: 'ack', alert: a.id });
                } });
                ack.setAttribute('aria-label', t('ops.ackAlert', { id: a.id }));
                return el('li', { className: `alert ${a.severity}` }, text, ack);
              })),
        );
      }
      const items = ops.feed.slice(-FEED_SHOWN).reverse();
      const feedKey = items.map((i) => `${i.tick}:${i.kind}:${i.detail}:${Math.floor(ago(v, i.tick, tps) / 5)}`).join('|');
      if (feed.dataset.key !== feedKey) {
        feed.dataset.key = feedKey;
        feed.replaceChildren(...(items.length ? items.map((i) => el('li', {}, `${feedText(i.kind, i.detail)} · ${t('ops.ago', { s: ago(v, i.tick, tps) })}`)) : [el('li', { className: 'muted' }, t('ops.feedEmpty'))]));
      }
    });
    return panel([
      this.actionButton(() => t('ops.do.diagnose'), () => ({ type: 'diagnose' })),
      this.line(({ d }) => (d.findings.length ? `${t('ops.findings')}: ${d.findings.map((f) => t(`ops.causes.${f}`)).join(' · ')}` : t('ops.noFindings'))),
      el('h2', {}, t('ops.alerts')),
      alerts,
      this.line(({ d }) => t('ops.latencyLine', { p50: formatNumber(d.p50), p99: formatNumber(d.p99), rate: formatNumber(Math.round(d.burnRate / 10) / 10) }), 'metric'),
      el('h2', {}, t('ops.utilization')),
      bars,
      el('h2', {}, t('ops.recent')),
      feed,
      this.line(({ d }) => failureLine(d), 'metric'),
    ]);
  }
}

function panel(children: HTMLElement[]): HTMLElement {
  return el('div', { className: 'role' }, ...children);
}

function kpi(name: 'availability' | 'latency' | 'credits'): HTMLElement {
  const label = { availability: 'ops.availabilityNow', latency: 'ops.latency', credits: 'ops.credits' }[name];
  return el('div', { className: 'kpi' }, el('span', { className: 'label' }, t(label)), el('strong'));
}

function health(ops: OpsSummaryView, i: number): string {
  return HEALTH_IDS[ops.health[i] ?? 0] ?? 'ok';
}

/** "45 %", or the component's state when it is down (a database that is down is not "8 %"). */
function utilOrHealth(ops: OpsSummaryView, d: OpsDetailView, i: number): string {
  return health(ops, i) === 'down' ? t('ops.health.down') : `${d.util[i] ?? 0} %`;
}

/** Real seconds since tick `tick`, at the live pace. */
function ago(v: GameView, tick: number, ticksPerSecond: number): number {
  return Math.max(0, Math.round((v.scenario.tick - tick) / ticksPerSecond));
}

function feedText(kind: string, detail: string): string {
  switch (kind) {
    case 'incident':
    case 'announcement':
      return t(`ops.feed.${kind}`, { detail: t(`ops.causes.${detail}`, { defaultValue: detail }) });
    case 'alert':
      return t('ops.feed.alert', { detail: t(`ops.severity.${detail}`, { defaultValue: detail }) });
    case 'action':
    case 'refused':
      return t(`ops.feed.${kind}`, { detail: t(`ops.actionNames.${detail}`, { defaultValue: detail }) });
    case 'diagnosis':
      return t('ops.feed.diagnosis');
    default:
      return t(`ops.feed.${kind}`, { detail, defaultValue: kind });
  }
}

function failureLine(d: OpsDetailView): string {
  const reasons = FAILURE_IDS.map((id, i) => ({ id: id as string, n: d.failedBy[i] ?? 0 }))
    .concat([{ id: 'throttled', n: d.shed }])
    .filter((r) => r.n > 0)
    .sort((a, b) => b.n - a.n)
    .slice(0, 3);
  return reasons.length ? `${t('ops.failing')}: ${reasons.map((r) => `${t(`ops.failures.${r.id}`)} ${t('ops.perSecond', { n: formatNumber(r.n) })}`).join(' · ')}` : t('ops.noFailures');
}

/** What an accepted action did and when it takes effect, in real seconds at the live pace. */
export function describeAction(a: SimAction, before: OpsDetailView, ticksPerSecond: number): string {
  const s = (simSec: number) => seconds(simSec, ticksPerSecond);
  const delay = s(ACTIONS[a.type].delaySec);
  switch (a.type) {
    case 'scale': {
      const from = a.zone === 'a' ? before.desiredA : before.desiredB;
      const zone = a.zone.toUpperCase();
      return a.count > from ? t('ops.done.scaleUp', { zone, from, to: a.count, s: s(APP.bootSec) }) : t('ops.done.scaleDown', { zone, from, to: a.count });
    }
    case 'cdn':
      return t(a.on ? 'ops.done.cdnOn' : 'ops.done.cdnOff', { s: delay });
    case 'rate-limit':
      return a.rps === 0 ? t('ops.done.rateOff', { s: delay }) : t('ops.done.rate', { rate: formatNumber(a.rps), s: delay });
    case 'block-abuse':
      return t(a.on ? 'ops.done.blockOn' : 'ops.done.blockOff', { s: delay });
    case 'lb-policy':
      return t('ops.done.policy', { policy: t(`ops.policies.${a.policy}`), s: delay });
    case 'restart':
      return t('ops.done.restart', { zone: a.zone.toUpperCase(), s: s(APP.restartSec) });
    case 'autoscale':
      return a.on ? t('ops.done.autoscaleOn', { pct: Math.round((a.target ?? 0.6) * 100), s: s(AUTOSCALE.periodSec) }) : t('ops.done.autoscaleOff');
    case 'rollback':
      return t('ops.done.rollback', { s: delay });
    case 'drain':
      return t(a.on ? 'ops.done.drain' : 'ops.done.undrain', { zone: a.zone.toUpperCase(), s: delay });
    case 'warm-cache':
      return t('ops.done.warmCache', { s: delay });
    case 'add-replica':
      return t('ops.done.addReplica', { s: delay });
    case 'failover':
      return t('ops.done.failover', { s: s(DB.promoteSec) });
    case 'circuit-breaker':
      return t(a.on ? 'ops.done.breakerOn' : 'ops.done.breakerOff', { s: delay });
    case 'ack':
      return t('ops.done.ack');
    case 'diagnose':
      return t('ops.done.diagnose', { s: delay });
  }
}

export function formatTime(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
