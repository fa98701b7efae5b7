// The teacher's console: the projector view (Phaser scenes, one per phase) under accessible DOM
// controls (join code, QR, Start/Next/Pause/Skip/…, the players drawer). Commands are intents;
// what happens is whatever the server's state says next.
import './console.css';
import { setLang, t } from '../i18n.ts';
import { el } from '../ui/dom.ts';
import { joinHost, joinUrl, on, send, type GameRoom } from '../net/connection.ts';
import { snapshot, type GameView } from '../view/model.ts';
import { rightAnswerText } from '../view/answers.ts';
import { TEAM_COLORS, TEAM_SHAPES, shapeSvg } from '../view/palette.ts';
import { GAME } from '../../../shared/constants.ts';
import type { ProjectorDirector } from '../scenes/host/director.ts';
import { createSound, type Sound } from '../ui/sound.ts';
import { createFaultsMenu } from './faults.ts';
import { createHomeworkDialog, type HomeworkDialog } from './homework.ts';
import { UnderTheHood } from './under-the-hood.ts';

export async function startConsole(code: string, hostToken: string): Promise<void> {
  const room = await joinHost(code, hostToken);
  const c = new HostConsole(code, hostToken, room);
  await c.ready;
}

class HostConsole {
  readonly ready: Promise<void>;
  private room: GameRoom;
  private view: GameView | null = null;
  /** The roster, kept from the server's host:roster messages (full, then changes). */
  private roster: NonNullable<GameView['players']> = {};
  private clockOffset = 0;
  private director: ProjectorDirector | null = null;
  private sound: Sound = createSound();
  private lastPhase = '';
  private lastRosterKey = '';
  private rejoining = false;

  private readonly root = document.getElementById('console') as HTMLElement;
  private readonly stage = el('div', { className: 'stage' });
  private readonly joinPanel = el('aside', { className: 'join-panel' });
  private readonly codeEl = el('div', { className: 'code' });
  private readonly urlEl = el('div', { className: 'url' });
  private readonly qr = el('img', { className: 'qr', alt: '' });
  private readonly status = el('div', { className: 'status', role: 'status' });
  private readonly sr = el('div', { className: 'sr-only', role: 'status' });
  private readonly bar = el('nav', { className: 'controls' });
  private readonly drawer = el('section', { className: 'drawer', hidden: true });
  private readonly toast = el('div', { className: 'toast', role: 'alert' });
  /** Shown while the server cannot save the game (host:storage): a restart would lose progress. */
  private readonly storageBanner = el('div', { className: 'storage-banner', role: 'alert', hidden: true });
  private readonly buttons: Record<string, HTMLButtonElement> = {};
  private readonly speed = el('input', { type: 'checkbox', id: 'speed-scoring' });
  private readonly soundToggle = el('input', { type: 'checkbox', id: 'sound' });
  private readonly faults = createFaultsMenu();
  private readonly homework: HomeworkDialog;
  private readonly hood: UnderTheHood;

  constructor(
    private readonly code: string,
    private readonly hostToken: string,
    room: GameRoom,
  ) {
    this.room = room;
    this.hood = new UnderTheHood(room);
    this.codeEl.dataset.testid = 'join-code';
    this.codeEl.textContent = code;
    this.qr.src = `/api/games/${code}/qr.svg`;
    this.qr.alt = `QR ${code}`;
    void joinUrl(code).then((u) => (this.urlEl.textContent = u.replace(/\?code=.*/, '').replace(/^https?:\/\//, '').replace(/\/$/, '')));
    this.joinPanel.append(
      el('div', { className: 'join-text' }, el('span', {}, t('host.joinAt')), ' ', this.urlEl, ' ', el('span', {}, t('host.withCode'))),
      this.codeEl,
      this.qr,
    );
    this.homework = createHomeworkDialog(code, hostToken);
    this.buildControls();
    this.root.replaceChildren(this.stage, this.joinPanel, this.status, this.bar, this.drawer, this.faults.panel, this.toast, this.storageBanner, this.sr, this.homework.dialog);
    this.stage.append(this.hood.panel);
    this.root.hidden = false;
    this.ready = new Promise((resolve) => this.bind(room, resolve));
    void import('../scenes/host/director.ts').then((m) => {
      this.director = m.createDirector(this.stage, () => ({ view: this.view, clockOffset: this.clockOffset }));
      if (this.view) this.director.show(this.view);
    });
  }

  private bind(room: GameRoom, onReady: () => void): void {
    if (room !== this.room) this.hood.rebind(room);
    this.room = room;
    this.faults.attach(room);
    on(room, 'host:welcome', (w) => {
      this.clockOffset = w.serverNow - Date.now();
      onReady();
    });
    on(room, 'refused', (r) => this.showToast(t('host.refused', { reason: t(`refusal.${r.code}`) })));
    on(room, 'host:storage', (m) => {
      this.storageBanner.textContent = t('host.storageFailing');
      this.storageBanner.hidden = m.writable;
    });
    on(room, 'host:roster', (m) => {
      const roster = m.full ? {} : { ...this.roster };
      for (const p of m.players) roster[p.id] = { name: p.name, team: p.team, score: p.score, connected: p.connected };
      for (const id of m.removed) delete roster[id];
      this.roster = roster;
      if (!this.view) return;
      this.view = { ...this.view, players: roster };
      this.update();
    });
    room.onStateChange((state: unknown) => {
      const first = this.view === null;
      this.view = { ...snapshot(state), players: this.roster };
      if (first && (this.view.lang === 'es' || this.view.lang === 'en') && document.documentElement.lang !== this.view.lang) {
        void setLang(this.view.lang).then(() => {
          this.buildControls();
          this.update();
        });
      }
      this.update();
    });
    room.onDrop(() => this.setStatus(t('host.hostAway')));
    room.onReconnect(() => this.setStatus(''));
    room.onLeave((code: number) => {
      if (code === 1000) return;
      this.setStatus(t('host.hostAway'));
      void this.rejoin();
    });
  }

  private async rejoin(): Promise<void> {
    if (this.rejoining) return;
    this.rejoining = true;
    for (let attempt = 0; attempt < 150; attempt++) {
      try {
        const room = await joinHost(this.code, this.hostToken);
        this.bind(room, () => undefined);
        this.setStatus('');
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 2000));
      }
    }
    this.rejoining = false;
  }

  private buildControls(): void {
    const make = (id: string, label: string, onclick: () => void, className = '') => {
      const b = el('button', { type: 'button', className, textContent: label, onclick });
      b.dataset.action = id;
      this.buttons[id] = b;
      return b;
    };
    const cmd = (type: Parameters<typeof send>[1], payload: object = {}) => () => send(this.room, type, payload as never);
    this.speed.checked = this.view?.speedScoring ?? true;
    this.soundToggle.checked = this.view?.sound ?? true;
    this.speed.onchange = () => send(this.room, 'host:settings', { speedScoring: this.speed.checked });
    this.soundToggle.onchange = () => send(this.room, 'host:settings', { sound: this.soundToggle.checked });
    this.bar.setAttribute('aria-label', 'Controls');
    this.bar.replaceChildren(
      make('start', t('host.start'), cmd('host:start'), 'primary'),
      make('next', t('host.next'), cmd('host:next'), 'primary'),
      make('pause', t('host.pause'), cmd('host:pause')),
      make('resume', t('host.resumePlay'), cmd('host:resume'), 'primary'),
      make('skip', t('host.skip'), cmd('host:skip')),
      make('extend', t('host.extend'), cmd('host:extend', { ms: GAME.extendMs })),
      make('end-round', t('host.endRound'), cmd('host:end-round')),
      this.faults.button,
      make('end-game', t('host.endGame'), () => send(this.room, 'host:end-game', {}), 'danger'),
      make('lock', t('host.lock'), cmd('host:lock', { locked: true })),
      make('unlock', t('host.unlock'), cmd('host:lock', { locked: false })),
      make('players', t('host.managePlayers'), () => {
        this.drawer.hidden = !this.drawer.hidden;
        this.lastRosterKey = '';
        this.renderDrawer();
      }),
      el('label', { className: 'toggle' }, this.speed, ' ', t('host.speedScoring')),
      el('label', { className: 'toggle' }, this.soundToggle, ' ', t('host.sound')),
      this.hood.button(),
      make('fullscreen', t('host.fullscreen'), () => void document.documentElement.requestFullscreen?.().catch(() => undefined)),
      make('results', t('results.open'), () => void window.open(`/host/results?game=${encodeURIComponent(this.code)}`, '_blank', 'noopener')),
      make('homework', t('homework.assign'), () => this.homework.open()),
    );
    this.update();
  }

  private update(): void {
    const v = this.view;
    if (!v) return;
    const phase = v.phase;
    const show = (id: string, visible: boolean) => {
      const b = this.buttons[id];
      if (b) b.hidden = !visible;
    };
    show('start', phase === 'lobby');
    show('next', (phase === 'reveal' || phase === 'leaderboard' || phase === 'round-intro' || phase === 'scenario-report') && !v.paused);
    show('pause', !v.paused && phase !== 'lobby' && phase !== 'podium');
    show('resume', v.paused);
    show('skip', phase === 'question');
    show('extend', phase === 'question');
    show('end-round', phase === 'question' || phase === 'reveal' || phase === 'round-intro' || phase === 'scenario');
    show('end-game', phase !== 'podium' && phase !== 'lobby');
    show('lock', !v.locked && phase !== 'podium');
    show('unlock', v.locked && phase !== 'podium');
    show('results', phase === 'podium');
    const startBtn = this.buttons.start;
    if (startBtn) startBtn.disabled = (v.counts?.playerCount ?? 0) === 0;
    this.speed.checked = v.speedScoring;
    this.soundToggle.checked = v.sound;
    this.sound.enabled = v.sound;
    this.joinPanel.classList.toggle('compact', phase !== 'lobby');
    this.joinPanel.hidden = phase === 'podium';
    this.setStatus(v.paused ? t('host.paused') : v.locked && phase === 'lobby' ? t('host.locked') : '');
    if (phase !== this.lastPhase) {
      if (phase === 'reveal') this.sound.chime();
      if (phase === 'question') this.sound.start();
      this.announce(v);
      this.lastPhase = phase;
    }
    this.faults.update(v);
    this.director?.show(v);
    this.renderDrawer();
  }

  private announce(v: GameView): void {
    if (v.phase === 'question') this.sr.textContent = `${t('host.srQuestion', { text: v.question.text })} ${v.question.options.join(', ')}`;
    else if (v.phase === 'reveal') this.sr.textContent = `${rightAnswerText(v)}. ${v.reveal.explanation}`;
    else if (v.phase === 'scenario') this.sr.textContent = `${v.scenario.title}. ${v.scenario.description}`;
    else this.sr.textContent = t(`phase.${v.phase}`);
  }

  private renderDrawer(): void {
    const v = this.view;
    if (this.drawer.hidden || !v?.players) return;
    const entries = Object.entries(v.players).sort((a, b) => a[1].team - b[1].team || a[1].name.localeCompare(b[1].name));
    const key = `${v.phase}|${entries.map(([id, p]) => `${id}:${p.team}:${p.connected}`).join(',')}`;
    if (key === this.lastRosterKey) return;
    this.lastRosterKey = key;
    const names = t('teams.names', { returnObjects: true }) as unknown as string[];
    const rows = entries.map(([id, p]) => {
      const select = el('select', { disabled: v.phase !== 'lobby' });
      select.setAttribute('aria-label', t('host.moveTo', { name: p.name }));
      for (let team = 0; team < v.teamCount; team++) select.append(el('option', { value: String(team), textContent: names[team] ?? String(team + 1), selected: team === p.team }));
      select.onchange = () => send(this.room, 'host:move', { playerId: id, team: Number(select.value) });
      const remove = el('button', {
        type: 'button',
        className: 'danger small',
        textContent: t('host.remove'),
        onclick: () => {
          if (confirm(t('host.removeConfirm', { name: p.name }))) send(this.room, 'host:kick', { playerId: id, ban: true });
        },
      });
      remove.setAttribute('aria-label', `${t('host.remove')} ${p.name}`);
      const chip = el('span', { className: 'dot' });
      chip.innerHTML = shapeSvg(TEAM_SHAPES[p.team] ?? 'circle', TEAM_COLORS[p.team] ?? '#fff');
      return el('li', { className: p.connected ? '' : 'offline' }, chip, el('span', { className: 'name' }, p.name), select, remove);
    });
    this.drawer.replaceChildren(el('h2', {}, `${t('host.managePlayers')} · ${t('host.players', { count: entries.length })}`), el('ul', {}, ...rows));
  }

  private setStatus(text: string): void {
    this.status.textContent = text;
    this.status.hidden = text === '';
  }

  private showToast(text: string): void {
    this.toast.textContent = text;
    this.toast.classList.add('show');
    setTimeout(() => this.toast.classList.remove('show'), 3000);
  }
}
