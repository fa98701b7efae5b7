// The teacher's console: the projector view (Phaser scenes, one per phase) and, laid out beside
// it so nothing covers the view, the accessible DOM controls: a bar with the join code, the game
// controls and what the page needs to say (paused, sound needs a click, a refusal), and a side
// panel (players, settings). In the lobby the join panel (code, address, QR) sits in the band the
// lobby scene leaves empty at the top of the view. Commands are intents; what happens is whatever
// the server's state says next. Keys: see keys.ts.
import './console.css';
import { setLang, t } from '../i18n.ts';
import { el } from '../ui/dom.ts';
import { joinHost, joinUrl, on, send, type GameRoom } from '../net/connection.ts';
import { snapshot, type GameView } from '../view/model.ts';
import { rightAnswerText } from '../view/answers.ts';
import { GAME } from '../../../shared/constants.ts';
import type { ProjectorDirector } from '../scenes/host/director.ts';
import { createSound, type Sound } from '../ui/sound.ts';
import { keyCommand } from './keys.ts';
import { motionPreference } from './motion.ts';
import { PANEL_MESSAGES, PlayersPanel } from './players.ts';
import { createReadAloud } from './read-aloud.ts';
import { autoHideInFullscreen, placeOverCanvas } from './frame.ts';
import { createFaultsMenu } from './faults.ts';
import { createHomeworkDialog, type HomeworkDialog } from './homework.ts';
import { UnderTheHood } from './under-the-hood.ts';

export async function startConsole(code: string, hostToken: string): Promise<void> {
  const room = await joinHost(code, hostToken);
  const c = new HostConsole(code, hostToken, room);
  await c.ready;
}

const FULLSCREEN_SVG = '<svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2.5"><path d="M3 9V3h6M15 3h6v6M21 15v6h-6M9 21H3v-6"/></svg>';

/** Which visible button a presenter's "next" presses, in this order (never Skip: it drops the answers). */
const NEXT_ACTIONS = ['next', 'start'] as const;
/** Where the focus goes when the focused button disappears (a stray Space then pauses, never skips). */
const FOCUS_ORDER = ['next', 'start', 'resume', 'pause', 'skip', 'end-round', 'players'] as const;

class HostConsole {
  readonly ready: Promise<void>;
  private room: GameRoom;
  private view: GameView | null = null;
  /** The roster, kept from the server's host:roster messages (full, then changes). */
  private roster: NonNullable<GameView['players']> = {};
  private clockOffset = 0;
  private director: ProjectorDirector | null = null;
  private readonly sound: Sound = createSound();
  private readonly motion = motionPreference();
  private lastPhase = '';
  /** What the control bar showed when it was last fitted (see fitBar). */
  private barKey = '';
  private rejoining = false;
  private dropped = false;
  private side: 'players' | 'settings' | null = null;
  private lastSideKey = '';

  private readonly root = document.getElementById('console') as HTMLElement;
  private readonly stage = el('div', { className: 'stage' });
  private readonly joinPanel = el('aside', { className: 'join-panel' });
  private readonly codeEl = el('div', { className: 'code' });
  private readonly urlEl = el('span', { className: 'url' });
  private readonly qr = el('img', { className: 'qr', alt: '' });
  private readonly bar = el('nav', { className: 'controls' });
  private readonly status = el('div', { className: 'status', role: 'status' });
  private readonly buttonRow = el('div', { className: 'buttons' });
  private readonly confirmRow = el('div', { className: 'confirm', hidden: true });
  private readonly soundBanner = el('button', { type: 'button', className: 'sound-banner', hidden: true });
  private readonly toast = el('div', { className: 'toast', role: 'alert' });
  /** Shown while the server cannot save the game (host:storage): a restart would lose progress. */
  private readonly storageBanner = el('div', { className: 'storage-banner', role: 'alert', hidden: true });
  private readonly sidePanel = el('section', { className: 'side', hidden: true, id: 'side-panel' });
  private readonly sr = el('div', { className: 'sr-only', role: 'status' });
  private readonly buttons: Record<string, HTMLButtonElement> = {};
  private readonly speed = el('input', { type: 'checkbox', id: 'speed-scoring' });
  private readonly soundToggle = el('input', { type: 'checkbox', id: 'sound' });
  private readonly motionToggle = el('input', { type: 'checkbox', id: 'reduce-motion' });
  /** Lobby only: the nickname policy for players who join from now on. */
  private readonly nicknames = el('select', { id: 'nickname-mode' });
  private readonly holdNames = el('input', { type: 'checkbox', id: 'hold-names' });
  private readonly readAloudToggle = el('input', { type: 'checkbox', id: 'read-aloud' });
  private readonly readAloud = createReadAloud((key, params) => t(key, params));
  private readonly players: PlayersPanel;
  private readonly faults = createFaultsMenu();
  private readonly homework: HomeworkDialog;
  /** "Under the hood": this game's own network, drawn over the projector view while open. */
  private readonly hood: UnderTheHood;
  /** Beside the view: the players or settings panel, and the Faults panel of a scenario round. */
  private readonly sideColumn = el('div', { className: 'side-column' });
  private toastTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly code: string,
    private readonly hostToken: string,
    room: GameRoom,
  ) {
    this.room = room;
    this.hood = new UnderTheHood(room);
    this.players = new PlayersPanel(this.sidePanel, {
      move: (playerId, team) => send(this.room, 'host:move', { playerId, team }),
      kick: (playerId) => send(this.room, 'host:kick', { playerId, ban: true }),
      rename: (playerId, name) => send(this.room, 'host:rename', { playerId, name }),
      review: (playerId, accept) => send(this.room, 'host:review-name', { playerId, accept }),
      accommodate: (playerId, extraTime, noSpeed) => send(this.room, 'host:accommodate', { playerId, extraTime: extraTime as (typeof GAME.extraTimeFactors)[number], noSpeed }),
    });
    this.homework = createHomeworkDialog(code, hostToken);
    this.codeEl.dataset.testid = 'join-code';
    this.codeEl.textContent = code;
    this.qr.src = `/api/games/${code}/qr.svg`;
    this.qr.alt = `QR ${code}`;
    void joinUrl(code).then((u) => (this.urlEl.textContent = u.replace(/\?code=.*/, '').replace(/^https?:\/\//, '').replace(/\/$/, '')));
    this.bar.append(this.status, this.storageBanner, this.buttonRow, this.confirmRow, this.soundBanner, this.toast);
    this.buildControls();
    window.addEventListener('resize', () => this.fitBar());
    this.sideColumn.append(this.sidePanel, this.faults.panel);
    this.root.replaceChildren(this.stage, this.sideColumn, this.bar, this.sr, this.homework.dialog);
    this.stage.append(this.hood.panel);
    this.root.hidden = false;
    placeOverCanvas(this.stage);
    autoHideInFullscreen(this.root, this.bar, () => !this.confirmRow.hidden);
    this.sound.onChange = () => this.update();
    this.motion.onChange = () => {
      this.motionToggle.checked = this.motion.reduced;
      this.director?.restart();
    };
    this.soundBanner.onclick = () => this.update();
    document.addEventListener('keydown', (ev) => this.onKey(ev));
    this.ready = new Promise((resolve) => this.bind(room, resolve));
    void import('../scenes/host/director.ts').then((m) => {
      this.director = m.createDirector(this.stage, () => ({ view: this.view, clockOffset: this.clockOffset, reducedMotion: this.motion.reduced }));
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
    on(room, 'refused', (r) => {
      const text = t('host.refused', { reason: t(`refusal.${r.code}`) });
      if (this.side === 'players' && (PANEL_MESSAGES as readonly string[]).includes(r.type)) this.players.refused(r.type, text);
      else this.showToast(text);
    });
    on(room, 'host:storage', (m) => {
      this.storageBanner.textContent = t('host.storageFailing');
      this.storageBanner.hidden = m.writable;
    });
    on(room, 'host:roster', (m) => {
      const roster = m.full ? {} : { ...this.roster };
      for (const { id, ...row } of m.players) roster[id] = row;
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
          this.director?.restart();
        });
      }
      this.update();
    });
    room.onDrop(() => {
      this.dropped = true;
      this.update();
    });
    room.onReconnect(() => {
      this.dropped = false;
      this.update();
    });
    room.onLeave((code: number) => {
      if (code === 1000) return;
      void this.rejoin();
    });
  }

  private async rejoin(): Promise<void> {
    if (this.rejoining) return;
    this.rejoining = true;
    this.update();
    for (let attempt = 0; attempt < 150; attempt++) {
      try {
        const room = await joinHost(this.code, this.hostToken);
        this.dropped = false;
        this.bind(room, () => undefined);
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 2000));
      }
    }
    this.rejoining = false;
    this.update();
  }

  private buildControls(): void {
    const make = (id: string, label: string, onclick: () => void, className = '') => {
      const b = el('button', { type: 'button', className, textContent: label, onclick });
      b.dataset.action = id;
      this.buttons[id] = b;
      return b;
    };
    const cmd = (type: Parameters<typeof send>[1], payload: object = {}) => () => send(this.room, type, payload as never);
    this.speed.onchange = () => send(this.room, 'host:settings', { speedScoring: this.speed.checked });
    this.soundToggle.onchange = () => send(this.room, 'host:settings', { sound: this.soundToggle.checked });
    this.motionToggle.checked = this.motion.reduced;
    this.motionToggle.onchange = () => this.motion.set(this.motionToggle.checked);
    this.nicknames.replaceChildren(el('option', { value: 'typed', textContent: t('host.nicknamesTyped') }), el('option', { value: 'generated', textContent: t('host.nicknamesGenerated') }));
    this.nicknames.onchange = () => send(this.room, 'host:settings', { nicknames: this.nicknames.value === 'generated' ? 'generated' : 'typed' });
    this.holdNames.onchange = () => send(this.room, 'host:settings', { holdNames: this.holdNames.checked });
    this.readAloudToggle.disabled = !this.readAloud.available;
    this.readAloudToggle.onchange = () => {
      this.readAloud.enabled = this.readAloudToggle.checked;
      this.update();
    };
    this.bar.setAttribute('aria-label', t('host.controls'));
    this.bar.title = t('host.keysHint');
    const sideToggle = (id: 'players' | 'settings', label: string) => {
      const b = make(id, label, () => this.toggleSide(id));
      b.setAttribute('aria-controls', 'side-panel');
      b.setAttribute('aria-expanded', 'false');
      return b;
    };
    const fullscreen = make('fullscreen', '', () => void (document.fullscreenElement ? document.exitFullscreen() : document.documentElement.requestFullscreen?.())?.catch(() => undefined), 'icon');
    fullscreen.innerHTML = FULLSCREEN_SVG;
    fullscreen.setAttribute('aria-label', t('host.fullscreen'));
    fullscreen.title = t('host.fullscreen');
    this.buttonRow.replaceChildren(
      make('start', t('host.start'), cmd('host:start'), 'primary'),
      make('next', t('host.next'), cmd('host:next'), 'primary'),
      make('resume', t('host.resumePlay'), cmd('host:resume'), 'primary'),
      make('pause', t('host.pause'), cmd('host:pause')),
      make('skip', t('host.skip'), cmd('host:skip')),
      make('extend', t('host.extend'), cmd('host:extend', { ms: GAME.extendMs })),
      make('end-round', t('host.endRound'), cmd('host:end-round')),
      this.faults.button,
      make('end-game', t('host.endGame'), () => this.askEndGame(), 'danger'),
      make('lock', t('host.lock'), cmd('host:lock', { locked: true })),
      make('unlock', t('host.unlock'), cmd('host:lock', { locked: false })),
      sideToggle('players', t('host.managePlayers')),
      sideToggle('settings', t('host.settings')),
      this.hood.button(),
      fullscreen,
      make('results', t('results.open'), () => void window.open(`/host/results?game=${encodeURIComponent(this.code)}`, '_blank', 'noopener')),
      make('homework', t('homework.assign'), () => this.homework.open()),
    );
    const cancel = el('button', { type: 'button', textContent: t('host.cancel'), onclick: () => this.closeConfirm() });
    const yes = el('button', {
      type: 'button',
      className: 'danger',
      textContent: t('host.endGameYes'),
      onclick: () => {
        this.closeConfirm();
        send(this.room, 'host:end-game', {});
      },
    });
    this.confirmRow.replaceChildren(el('span', { className: 'question' }, t('host.endGameConfirm')), cancel, yes);
    this.confirmRow.setAttribute('role', 'group');
    this.confirmRow.setAttribute('aria-label', t('host.endGame'));
    this.soundBanner.textContent = t('host.soundNeedsClick');
    this.joinPanel.replaceChildren(el('div', { className: 'join-text' }, el('span', {}, t('host.joinAt')), ' ', this.urlEl, ' ', el('span', {}, t('host.withCode'))), this.codeEl, this.qr);
    this.lastSideKey = '';
    this.update();
  }

  private askEndGame(): void {
    this.buttonRow.hidden = true;
    this.confirmRow.hidden = false;
    this.confirmRow.querySelector('button')?.focus();
  }

  private closeConfirm(): void {
    if (this.confirmRow.hidden) return;
    this.confirmRow.hidden = true;
    this.buttonRow.hidden = false;
    this.focusBest();
  }

  private toggleSide(which: 'players' | 'settings'): void {
    this.side = this.side === which ? null : which;
    this.lastSideKey = '';
    this.update();
  }

  private onKey(ev: KeyboardEvent): void {
    const target = ev.target as HTMLElement | null;
    const field = !!target?.closest('input, select, textarea, [contenteditable=true]') || !!target?.closest('.side');
    const control = !field && !!target?.closest('button, a[href]');
    const command = keyCommand({ key: ev.key, ctrlKey: ev.ctrlKey, altKey: ev.altKey, metaKey: ev.metaKey, target: field ? 'field' : control ? 'control' : 'page' });
    if (!command || !this.view) return;
    if (command.kind === 'escape') {
      if (!this.confirmRow.hidden) this.closeConfirm();
      else if (this.side) this.toggleSide(this.side);
      return;
    }
    if (!this.confirmRow.hidden) return;
    ev.preventDefault();
    if (command.kind === 'next') {
      const action = NEXT_ACTIONS.map((id) => this.buttons[id]).find((b) => b && !b.hidden && !b.disabled);
      action?.click();
    } else if (command.kind === 'pause') {
      const b = this.view.paused ? this.buttons.resume : this.buttons.pause;
      if (b && !b.hidden) b.click();
    } else if (command.kind === 'focus' && this.view.phase === 'scenario') {
      this.director?.command('focus', command.team);
    }
  }

  /** Puts the focus on the button a teacher most likely wants next (never on the page body). */
  private focusBest(): void {
    const b = FOCUS_ORDER.map((id) => this.buttons[id]).find((x) => x && !x.hidden && !x.disabled && x.offsetParent !== null);
    b?.focus({ preventScroll: true });
  }

  private update(): void {
    const v = this.view;
    if (!v) return;
    const focused = document.activeElement;
    const hadFocus = focused === document.body || (focused instanceof HTMLElement && this.bar.contains(focused));
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
    // Homework replays this game's plan: offered before it starts and once it is over.
    show('homework', phase === 'lobby' || phase === 'podium');
    if (phase === 'podium' || phase === 'lobby') this.closeConfirm();
    const startBtn = this.buttons.start;
    if (startBtn) startBtn.disabled = (v.counts?.playerCount ?? 0) === 0;
    this.speed.checked = v.speedScoring;
    this.nicknames.value = v.nicknames === 'generated' ? 'generated' : 'typed';
    this.holdNames.checked = v.holdNames;
    this.nicknames.disabled = this.holdNames.disabled = phase !== 'lobby';
    this.readAloudToggle.checked = this.readAloud.enabled;
    this.readAloud.update(v);
    this.soundToggle.checked = v.sound;
    this.sound.enabled = v.sound;
    this.soundBanner.hidden = !(v.sound && this.sound.blocked);
    // The join code: a panel in the lobby's top band, a chip at the start of the bar later on.
    if (phase === 'lobby') {
      if (this.joinPanel.parentElement !== this.stage) this.stage.append(this.joinPanel);
      this.joinPanel.className = 'join-panel band';
    } else if (phase === 'podium') {
      this.joinPanel.remove();
    } else {
      if (this.joinPanel.parentElement !== this.bar) this.bar.prepend(this.joinPanel);
      this.joinPanel.className = 'join-panel chip';
    }
    this.setStatus(this.rejoining || this.dropped ? t('host.hostAway') : v.paused ? t('host.paused') : v.locked && phase === 'lobby' ? t('host.locked') : '');
    const phaseChanged = phase !== this.lastPhase;
    if (phaseChanged) {
      if (phase === 'reveal') this.sound.chime();
      if (phase === 'question') this.sound.start();
      this.announce(v);
      this.lastPhase = phase;
    }
    this.faults.update(v);
    this.renderSide();
    this.fitBar();
    this.director?.show(v);
    // A new phase puts the focus on its main button (so a remote's Space goes on); a focused
    // button that disappeared hands it to the next useful one, never to the page body.
    const now = document.activeElement;
    if (hadFocus && (phaseChanged || now === document.body || now === null || (now instanceof HTMLElement && (now.hidden || now.offsetParent === null)))) this.focusBest();
  }

  private announce(v: GameView): void {
    if (v.phase === 'question') this.sr.textContent = `${t('host.srQuestion', { text: v.question.text })} ${v.question.options.join(', ')}`;
    else if (v.phase === 'reveal') this.sr.textContent = `${rightAnswerText(v)}. ${v.reveal.explanation}`;
    else if (v.phase === 'scenario') this.sr.textContent = `${v.scenario.title}. ${v.scenario.description}`;
    else this.sr.textContent = t(`phase.${v.phase}`);
  }

  private renderSide(): void {
    const v = this.view;
    for (const id of ['players', 'settings'] as const) this.buttons[id]?.setAttribute('aria-expanded', String(this.side === id));
    this.sidePanel.hidden = this.side === null;
    if (!v || this.side === null) return;
    if (this.side === 'settings') {
      const key = `settings|${v.phase === 'lobby'}`;
      if (this.lastSideKey === key) return;
      this.lastSideKey = key;
      const check = (input: HTMLInputElement, label: string) => el('label', { className: 'check' }, input, ' ', label);
      const hint = (text: string) => el('p', { className: 'hint' }, text);
      const close = el('button', { type: 'button', className: 'small', textContent: t('host.close'), onclick: () => this.toggleSide('settings') });
      const lobby = v.phase === 'lobby';
      this.sidePanel.replaceChildren(
        el('h2', {}, t('host.settings')),
        check(this.speed, t('classroom.speedScoring')),
        hint(t('classroom.speedScoringHint')),
        el('label', { className: 'field', htmlFor: this.nicknames.id }, t('classroom.nicknames')),
        this.nicknames,
        check(this.holdNames, t('classroom.holdNames')),
        hint(lobby ? t('classroom.holdNamesHint') : t('host.nicknamesLobbyOnly')),
        check(this.readAloudToggle, t('classroom.readAloud')),
        hint(this.readAloud.available ? t('classroom.readAloudHint') : t('classroom.readAloudUnavailable')),
        check(this.soundToggle, t('host.sound')),
        check(this.motionToggle, t('host.reduceMotion')),
        hint(t('host.keysHint')),
        close,
      );
      return;
    }
    if (this.lastSideKey !== 'players') this.players.invalidate();
    this.lastSideKey = 'players';
    this.players.render(v);
  }

  /**
   * The control bar stays one line: when what it shows (buttons, status, banners, in the page's
   * language) is wider than the window, it goes compact (tighter buttons). Measured only when
   * what it shows or the window's width changed, never on every update.
   */
  private fitBar(): void {
    const shown = [...this.bar.querySelectorAll<HTMLElement>('button, .status, .storage-banner, .sound-banner, .toast, .join-panel')].filter((e) => !e.hidden && !e.closest('[hidden]'));
    const key = `${window.innerWidth}|${shown.map((e) => e.textContent).join('|')}`;
    if (key === this.barKey) return;
    this.barKey = key;
    this.bar.classList.remove('compact');
    if (this.bar.scrollWidth > this.bar.clientWidth + 1) this.bar.classList.add('compact');
  }

  private setStatus(text: string): void {
    this.status.textContent = text;
    this.status.hidden = text === '';
  }

  private showToast(text: string): void {
    this.toast.textContent = text;
    this.toast.classList.add('show');
    clearTimeout(this.toastTimer);
    this.toastTimer = setTimeout(() => {
      this.toast.classList.remove('show');
      this.toast.textContent = '';
    }, 4000);
  }
}
