// The teacher's "Under the hood" view: this game's own network, as the server measures it, next
// to what each measurement teaches (latency is not zero, the network is not reliable, bandwidth
// is not infinite, there is no global clock; fair speed points; one server or many). The server
// sends the measurements only while the view is open (the 'host:under-the-hood' message), so it
// costs nothing otherwise; after a reconnection the view asks again.
import './under-the-hood.css';
import { currentLang, t } from '../i18n.ts';
import { el } from '../ui/dom.ts';
import { on, send, type GameRoom } from '../net/connection.ts';
import { LINK } from '../../../shared/constants.ts';
import type { UnderTheHoodReport } from '../../../shared/protocol.ts';

/** Three linked nodes: a network. */
const NETWORK_SVG = '<svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2.2"><circle cx="12" cy="5" r="2.6"/><circle cx="5" cy="18" r="2.6"/><circle cx="19" cy="18" r="2.6"/><path d="M10.6 7.3 6.4 15.7M13.4 7.3l4.2 8.4M7.6 18h8.8"/></svg>';

export class UnderTheHood {
  /** The view itself: mount it over the projector view (it covers it while open). */
  readonly panel = el('section', { className: 'under-the-hood', hidden: true, id: 'under-the-hood' });
  private readonly toggle = el('button', { type: 'button' });
  private readonly body = el('div', { className: 'hood-body' });
  private readonly title = el('h2', { id: 'hood-title' });
  private readonly subtitle = el('p', { className: 'hood-sub' });
  private readonly closeButton = el('button', { type: 'button', className: 'hood-close' });
  private room: GameRoom;
  private report: UnderTheHoodReport | null = null;

  constructor(room: GameRoom) {
    this.room = room;
    this.toggle.dataset.action = 'under-the-hood';
    this.toggle.setAttribute('aria-controls', this.panel.id);
    this.toggle.onclick = () => (this.panel.hidden ? this.open() : this.close());
    this.panel.setAttribute('role', 'region');
    this.panel.setAttribute('aria-labelledby', this.title.id);
    this.closeButton.onclick = () => this.close();
    this.panel.append(el('header', {}, el('div', {}, this.title, this.subtitle), this.closeButton), this.body);
    this.panel.addEventListener('keydown', (ev) => {
      if (ev.key === 'Escape') this.close();
    });
    this.listen(room);
  }

  /** The console's button; call again after a language change (it relabels itself). */
  button(): HTMLButtonElement {
    // An icon with its name spoken and shown on hover: the control bar fits one line at 1280×720.
    this.toggle.className = 'icon';
    this.toggle.innerHTML = NETWORK_SVG;
    this.toggle.setAttribute('aria-label', t('hood.open'));
    this.toggle.title = t('hood.open');
    this.toggle.setAttribute('aria-expanded', String(!this.panel.hidden));
    this.render();
    return this.toggle;
  }

  /** The console joined the game again (a new room object): listen there, and ask again if open. */
  rebind(room: GameRoom): void {
    this.room = room;
    this.listen(room);
    if (!this.panel.hidden) send(room, 'host:under-the-hood', { open: true });
  }

  open(): void {
    this.panel.hidden = false;
    this.toggle.setAttribute('aria-expanded', 'true');
    send(this.room, 'host:under-the-hood', { open: true });
    this.render();
    this.closeButton.focus();
  }

  close(): void {
    if (this.panel.hidden) return;
    this.panel.hidden = true;
    this.toggle.setAttribute('aria-expanded', 'false');
    send(this.room, 'host:under-the-hood', { open: false });
    this.toggle.focus();
  }

  private listen(room: GameRoom): void {
    on(room, 'host:under-the-hood', (report) => {
      if (room !== this.room) return;
      this.report = report;
      if (!this.panel.hidden) this.render();
    });
    // The server forgets a dropped page's view; the SDK's reconnection is a new socket.
    room.onReconnect(() => {
      if (room === this.room && !this.panel.hidden) send(room, 'host:under-the-hood', { open: true });
    });
  }

  private render(): void {
    if (this.panel.hidden) return;
    const r = this.report;
    this.title.textContent = t('hood.title');
    this.closeButton.textContent = t('hood.close');
    this.subtitle.textContent = r ? t('hood.subtitle', { count: r.phones }) : t('hood.measuring');
    this.body.replaceChildren(...(r ? cards(r) : []));
  }
}

function cards(r: UnderTheHoodReport): HTMLElement[] {
  const lang = currentLang();
  const num = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
  const kb = (bytes: number) => num.format(bytes / 1000);

  const median = digits('rtt-median-ms', r.rtt.medianMs);
  const latency = card('latency', [
    split(
      [figure(t('hood.latency.median'), median, r.rtt.medianMs === null ? t('hood.measuring') : 'ms'), r.rtt.maxMs === null ? null : el('p', { className: 'hood-note' }, t('hood.latency.slowest', { ms: r.rtt.maxMs }))],
      bars(t('hood.latency.chart'), r.rtt.histogram, [...LINK.rttBucketsMs.map(compact), `${compact(LINK.rttBucketsMs.at(-1)!)}+`], 'ms'),
    ),
  ]);

  const rc = r.reconnections;
  const network = card('network', [
    figure(t('hood.network.reconnections'), digits('reconnections', rc.count), ''),
    rc.medianMs === null || rc.maxMs === null ? null : el('p', { className: 'hood-note' }, t('hood.network.took', { median: duration(rc.medianMs), max: duration(rc.maxMs) })),
    el('p', { className: 'hood-note' }, t('hood.network.away', { count: rc.away })),
  ]);

  const tr = r.traffic;
  const bandwidth = card('bandwidth', [
    figure(t('hood.bandwidth.rate'), el('span', {}, kb(tr.bytesPerSecond)), 'kB/s'),
    el('p', { className: 'hood-note' }, t('hood.bandwidth.messages', { rate: num.format(tr.messagesPerSecond), kb: kb(tr.bytesPerSecondPerPhone) })),
    tr.patchBytes === null ? null : el('p', { className: 'hood-note' }, t('hood.bandwidth.patch', { bytes: tr.patchBytes })),
  ]);

  const c = r.clocks;
  const clocks = card('clock', [
    split(
      [figure(t('hood.clock.median'), el('span', {}, c.medianOffsetMs === null ? '…' : signed(c.medianOffsetMs)), ''), c.spreadMs === null ? null : el('p', { className: 'hood-note' }, t('hood.clock.spread', { spread: duration(c.spreadMs) }))],
      bars(t('hood.clock.chart'), c.histogram, [...LINK.clockBucketsMs.map((b) => duration(b)), `${duration(LINK.clockBucketsMs.at(-1)!)}+`], ''),
    ),
  ]);

  const s = r.speed;
  const farthest = r.farthest[0];
  const away = farthest ? Math.round(farthest.rttMs / 2) : 0;
  const fair = card('fair', [
    el('p', { className: 'hood-line' }, !farthest ? t('hood.fair.none') : away < 1 ? t('hood.fair.near') : t('hood.fair.phone', { name: farthest.name, ms: away })),
    el('p', { className: 'hood-note' }, s.corrected === 0 ? t('hood.fair.correctedNone') : t('hood.fair.corrected', { count: s.corrected, ms: s.medianCorrectionMs ?? 0 })),
    el('p', { className: 'hood-note' }, t('hood.fair.impossible', { count: s.impossibleTaps })),
  ]);

  const sv = r.server;
  const server = card('server', [
    figure(t('hood.server.processes', { count: sv.processes }), el('span', {}, String(sv.processes)), ''),
    el('p', { className: 'hood-note' }, `${t('hood.server.rooms', { count: sv.rooms })} · ${sv.redis ? t('hood.server.redis') : t('hood.server.memory')}`),
  ], sv.processes > 1 ? t('hood.server.explainMany', { count: sv.processes }) : t('hood.server.explainOne'));

  return [latency, network, bandwidth, clocks, fair, server];
}

/** One lesson: its title, its figures, and its two sentences. */
function card(key: string, content: (Node | null)[], explain = t(`hood.${key}.explain`)): HTMLElement {
  return el('article', { className: `hood-card hood-${key}` }, el('h3', {}, t(`hood.${key}.title`)), ...content.filter((n): n is Node => n !== null), el('p', { className: 'hood-explain' }, explain));
}

/** Figures on the left, a chart on the right. */
function split(left: (Node | null)[], right: Node): HTMLElement {
  return el('div', { className: 'hood-split' }, el('div', {}, ...left.filter((n): n is Node => n !== null)), right);
}

function figure(label: string, value: HTMLElement, unit: string): HTMLElement {
  return el('p', { className: 'hood-figure' }, el('span', { className: 'hood-label' }, label), el('span', { className: 'hood-value' }, value, unit ? el('span', { className: 'hood-unit' }, ` ${unit}`) : ''));
}

/** A number in digits only, under a test id (CONTRACT.md); empty until measured. */
function digits(testId: string, value: number | null): HTMLElement {
  const span = el('span', { textContent: value === null ? '' : String(Math.round(value)) });
  span.dataset.testid = testId;
  return span;
}

/** A bar chart of counts, one bar per bucket, described for screen readers as text. */
function bars(caption: string, counts: readonly number[], labels: readonly string[], unit: string): HTMLElement {
  const top = Math.max(1, ...counts);
  const items = counts.map((n, i) =>
    el('li', {}, el('span', { className: 'hood-count' }, n > 0 ? String(n) : ''), el('span', { className: 'hood-track' }, el('span', { className: 'hood-bar', style: `height:${Math.round((n / top) * 100)}%` })), el('span', { className: 'hood-bucket' }, labels[i] ?? '')),
  );
  const list = el('ol', { className: 'hood-bars' }, ...items);
  list.setAttribute('aria-hidden', 'true');
  const described = counts.map((n, i) => `${labels[i] ?? ''}${unit ? ` ${unit}` : ''}: ${n}`).join(', ');
  return el('figure', { className: 'hood-chart' }, list, el('figcaption', {}, `${caption}${unit ? ` (${unit})` : ''}`, el('span', { className: 'sr-only' }, `: ${described}`)));
}

/** A bar's upper bound in ms, short: 50, 500, 1k. */
function compact(ms: number): string {
  return ms >= 1000 ? `${ms / 1000}k` : String(ms);
}

/** A duration a person reads: 85 ms, 1.2 s, 3 min. */
function duration(ms: number): string {
  const num = new Intl.NumberFormat(currentLang(), { maximumFractionDigits: 1 });
  const a = Math.abs(ms);
  if (a < 1000) return `${Math.round(ms)} ms`;
  if (a < 60_000) return `${num.format(ms / 1000)} s`;
  return `${num.format(ms / 60_000)} min`;
}

function signed(ms: number): string {
  return `${ms > 0 ? '+' : ms < 0 ? '−' : '±'}${duration(Math.abs(ms))}`;
}
