// The phone during a game: a header (team chip, the one clock, the score), one screen at a time
// (quiz.ts, ops.ts), a live region for what a screen reader should hear, and decoration only when
// it tells something (feedback.ts). Keeps the seat token in this browser and finds its way back
// after a drop, a sleep, a reload or a restart of the server; a phone that comes back shows the
// answer it already gave. Nothing here runs while nothing changes: the clock ticks once a second
// only while a timed phase shows. What the classroom settings tell this phone alone: its own
// nickname (a generated one can be re-rolled in the lobby; a held one waits for the teacher, and
// a teacher's rename arrives as a 'nickname' message) and its own extra time (own-clock.ts).
import './game.css';
import { t } from '../i18n.ts';
import { el } from '../ui/dom.ts';
import { joinPlayer, on, send, type GameRoom } from '../net/connection.ts';
import { answerClockPings, phoneClock } from '../net/clock-sync.ts';
import { TEAM_COLORS, TEAM_SHAPES, shapeSvg } from '../view/palette.ts';
import { snapshot, timeLeftMs, type GameView } from '../view/model.ts';
import type { AnswerPayload, NicknameInfo, PlayerResult, PlayerStanding } from '../../../shared/protocol.ts';
import { CLOSE, JOIN_ERROR } from '../../../shared/codes.ts';
import { OpsConsole, formatTime } from './ops.ts';
import * as screens from './quiz.ts';
import { Announcer } from './announce.ts';
import { celebrate, pulse } from './feedback.ts';
import { ownTimeLeftMs } from './own-clock.ts';
import { stopReading } from './read-aloud.ts';

interface Me {
  playerId: string;
  seat: string;
  name: string;
  team: number;
  score: number;
  nickname: NicknameInfo;
  /** This student's question clock, times the class's (1: none). */
  extraTime: number;
}

/** Seconds left at which the countdown is announced to screen readers. */
const ANNOUNCE_AT = [10, 5] as const;

export async function startPlayer(code: string, options: { name?: string; seat?: string }): Promise<void> {
  const room = await joinPlayer(code, options);
  const session = new PlayerSession(code, room);
  await session.ready;
}

class PlayerSession {
  readonly ready: Promise<void>;
  private room: GameRoom;
  private me: Me | null = null;
  private view: GameView | null = null;
  private clockOffset = 0;
  /** This player's answer to the open (or just revealed) question, as sent or as the server recalls it. */
  private myAnswer: { seq: number; answer: AnswerPayload } | null = null;
  private lastResult: PlayerResult | null = null;
  private standing: PlayerStanding | null = null;
  private rendered = '';
  private rejoining = false;
  private ended = false;
  private ops: OpsConsole | null = null;
  private clockTimer: ReturnType<typeof setTimeout> | null = null;
  private questionClockRan = false;
  private announced = new Set<string>();

  private readonly root = document.getElementById('game') as HTMLElement;
  private readonly chip = el('p', { className: 'chip' });
  private readonly clock = el('span', { className: 'clock', role: 'timer', hidden: true });
  private readonly score = el('strong', { id: 'my-score' });
  private readonly panel = el('div', { className: 'panel' });
  private readonly banner = el('div', { className: 'banner', role: 'status', hidden: true });
  /** Shown while this player's nickname waits for the teacher's approval. */
  private readonly heldNote = el('p', { className: 'held-note', role: 'status', hidden: true });
  private readonly toast = el('div', { className: 'toast', role: 'status' });
  private readonly announcer = new Announcer();

  constructor(
    private readonly code: string,
    room: GameRoom,
  ) {
    this.room = room;
    this.score.dataset.testid = 'my-score';
    this.score.setAttribute('aria-live', 'polite');
    this.score.textContent = '0';
    this.clock.setAttribute('aria-label', t('player.timeLeft'));
    const scoreBox = el('p', { className: 'score' }, el('span', { className: 'label' }, t('player.score')), ' ', this.score);
    const status = el('div', { className: 'status' }, this.clock, scoreBox);
    this.heldNote.dataset.testid = 'name-held';
    this.root.replaceChildren(el('header', { className: 'bar' }, this.chip, status), this.heldNote, this.panel, this.banner, this.toast, this.announcer.root);
    this.root.hidden = false;
    this.ready = new Promise((resolve) => this.bind(room, resolve));
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') {
        this.ensureConnected();
        this.tickClock();
      }
    });
    window.addEventListener('online', () => this.ensureConnected());
  }

  private bind(room: GameRoom, onWelcome: () => void): void {
    this.room = room;
    answerClockPings(room);
    on(room, 'welcome', (w) => {
      this.me = { playerId: w.playerId, seat: w.seat, name: w.nickname.name, team: w.team, score: w.score, nickname: w.nickname, extraTime: w.extraTime };
      this.clockOffset = w.serverNow - Date.now();
      this.myAnswer = w.answer;
      if (w.result) this.lastResult = w.result;
      localStorage.setItem(`ua:seat:${this.code}`, JSON.stringify({ seat: w.seat, name: w.nickname.name }));
      localStorage.setItem('ua:last-code', this.code);
      history.replaceState(null, '', `/?code=${this.code}&rejoin=1${location.search.includes('lang=') ? `&lang=${document.documentElement.lang}` : ''}`);
      this.setScore(w.score, false);
      this.renderTeam();
      this.renderHeld();
      this.banner.hidden = true;
      this.rendered = '';
      this.render();
      onWelcome();
    });
    on(room, 'nickname', (n) => {
      if (!this.me || room !== this.room) return;
      const renamed = n.name !== this.me.name;
      this.me.name = n.name;
      this.me.nickname = n;
      localStorage.setItem(`ua:seat:${this.code}`, JSON.stringify({ seat: this.me.seat, name: n.name }));
      this.renderTeam();
      this.renderHeld();
      if (renamed) this.announcer.say(t('player.renamed', { name: n.name }));
      this.rendered = '';
      this.render();
    });
    on(room, 'extra-time', (x) => {
      if (!this.me || room !== this.room) return;
      this.me.extraTime = x.extraTime;
      this.rendered = '';
      this.render();
    });
    on(room, 'ack', () => {
      this.rendered = '';
      this.render();
    });
    on(room, 'refused', (r) => {
      // The server refused an answer: the phone shows the buttons again unless it was already given.
      if (r.type === 'answer' && r.code !== 'already_answered') this.myAnswer = null;
      this.showToast(r.type === 'scenario:action' && r.reason ? `${t(`refusal.${r.code}`)} ${r.reason}` : t(`refusal.${r.code}`));
      if (r.type === 'answer' || r.type === 'name:reroll') {
        this.rendered = '';
        this.render();
      }
    });
    on(room, 'action-ack', (a) => this.ops?.acknowledged(a.type));
    on(room, 'result', (r) => {
      this.lastResult = r;
      if (r.answer) this.myAnswer = { seq: r.seq, answer: r.answer };
      this.setScore(r.score, r.points > 0);
      this.standing = r;
      this.rendered = '';
      this.render();
      const v = this.view;
      if (v && v.question.type !== 'poll') celebrate(this.root, r.credit >= 1 ? 'correct' : r.credit > 0 ? 'partial' : 'wrong', this.panel.querySelector('h1'));
      if (r.credit >= 1) navigator.vibrate?.(60);
    });
    on(room, 'standing', (s) => {
      this.standing = s;
      this.setScore(s.score, s.score > (this.me?.score ?? 0));
      this.rendered = '';
      this.render();
    });
    on(room, 'moved', (m) => {
      if (!this.me || room !== this.room) return;
      this.me.team = m.team;
      this.renderTeam();
      // The team's dashboards travel in a per-team view: a fresh connection gets the new team's.
      void this.switchConnection();
    });
    on(room, 'seat-taken', () => {
      if (room === this.room) this.endWith(t('player.seatTaken'), true);
    });
    on(room, 'kicked', () => {
      localStorage.removeItem(`ua:seat:${this.code}`);
      this.endWith(t('player.kicked'), false);
    });
    room.onStateChange((state: unknown) => {
      if (room !== this.room) return;
      this.view = snapshot(state);
      this.render();
    });
    room.onDrop(() => {
      if (room !== this.room) return;
      this.banner.textContent = t('player.reconnecting');
      this.banner.hidden = false;
    });
    room.onReconnect(() => {
      this.banner.hidden = true;
    });
    room.onLeave((code: number) => {
      if (room !== this.room) return;
      if (this.ended || code === CLOSE.kicked || code === CLOSE.seatTaken || code === 1000) return;
      this.banner.textContent = t('player.reconnecting');
      this.banner.hidden = false;
      void this.rejoin();
    });
  }

  private async switchConnection(): Promise<void> {
    if (!this.me) return;
    try {
      const next = await joinPlayer(this.code, { seat: this.me.seat });
      this.bind(next, () => undefined);
    } catch {
      void this.rejoin();
    }
  }

  /** After a sleep or a network change the socket may be gone without the SDK noticing. */
  private ensureConnected(): void {
    if (this.ended || this.rejoining) return;
    const open = (this.room as unknown as { connection?: { isOpen?: boolean } }).connection?.isOpen;
    if (open === false) void this.rejoin();
  }

  private async rejoin(): Promise<void> {
    if (this.rejoining || !this.me) return;
    this.rejoining = true;
    for (let attempt = 0; attempt < 60 && !this.ended; attempt++) {
      try {
        const room = await joinPlayer(this.code, { seat: this.me.seat });
        this.bind(room, () => undefined);
        this.rejoining = false;
        return;
      } catch (err) {
        if ((err as { code?: number }).code === JOIN_ERROR.seat) {
          this.endWith(t('join.errors.seat'), false);
          break;
        }
        await new Promise((r) => setTimeout(r, Math.min(5000, 1000 + attempt * 500)));
      }
    }
    this.rejoining = false;
  }

  private endWith(message: string, offerRejoin: boolean): void {
    this.ended = true;
    const children: Node[] = [el('h1', {}, message)];
    if (offerRejoin && this.me) {
      const seat = this.me.seat;
      children.push(
        el('button', {
          type: 'button',
          className: 'primary',
          textContent: t('player.useHere'),
          onclick: () => {
            this.ended = false;
            void joinPlayer(this.code, { seat }).then((room) => this.bind(room, () => undefined));
          },
        }),
      );
    }
    this.panel.replaceChildren(...children);
    this.ops = null;
    this.rendered = 'ended';
    this.tickClock();
  }

  private showToast(text: string): void {
    this.toast.textContent = text;
    this.toast.classList.add('show');
    setTimeout(() => this.toast.classList.remove('show'), 3500);
  }

  private setScore(score: number, up: boolean): void {
    if (this.me) this.me.score = score;
    const text = String(score);
    if (this.score.textContent !== text) this.score.textContent = text;
    if (up) pulse(this.score);
  }

  /** The team chip: the team's shape in its colour, the team's name and the nickname (never cut). */
  private renderTeam(): void {
    if (!this.me) return;
    const names = t('teams.names', { returnObjects: true }) as unknown as string[];
    const team = this.me.team;
    const color = TEAM_COLORS[team] ?? '#888888';
    this.chip.style.setProperty('--team', color);
    this.chip.innerHTML = shapeSvg(TEAM_SHAPES[team] ?? 'circle', color);
    this.chip.append(el('span', { className: 'sr-only' }, `${t('player.yourTeam')}: `), el('span', { className: 'team' }, names[team] ?? String(team + 1)), el('span', { className: 'nick' }, this.me.name));
  }

  /** The held-name notice, except while a question or a scenario needs the whole screen. */
  private renderHeld(): void {
    const held = this.me?.nickname.held === true;
    const playing = this.view?.phase === 'question' || this.view?.phase === 'scenario';
    this.heldNote.hidden = !held || playing;
    this.heldNote.textContent = held ? t('player.nameHeld') : '';
  }

  /** Whether this student's time for the open question is up while it stays open for others. */
  private timeIsUp(v: GameView): boolean {
    if (v.phase !== 'question' || v.paused || !v.overtime) return false;
    return (this.me?.extraTime ?? 1) <= 1 || ownTimeLeftMs(v, this.clockOffset, this.me?.extraTime ?? 1) <= 0;
  }

  /** The one clock: the time left in a question (this student's own) or a scenario round, updated on the second. */
  private tickClock(): void {
    if (this.clockTimer) clearTimeout(this.clockTimer);
    this.clockTimer = null;
    const v = this.view;
    const timed = v && !this.ended && (v.phase === 'question' || v.phase === 'scenario');
    if (!v || !timed) {
      this.questionClockRan = false;
      this.clock.hidden = true;
      return;
    }
    this.clock.hidden = false;
    const left = v.phase === 'question' ? ownTimeLeftMs(v, this.clockOffset, this.me?.extraTime ?? 1) : timeLeftMs(v, this.clockOffset);
    const s = Math.ceil(left / 1000);
    const text = v.paused ? t('player.pausedShort') : v.phase === 'question' ? t('player.seconds', { s }) : formatTime(left);
    if (this.clock.textContent !== text) this.clock.textContent = text;
    this.clock.classList.toggle('urgent', !v.paused && v.phase === 'question' && s <= ANNOUNCE_AT[0]);
    if (v.phase === 'question' && !v.paused && this.myAnswer?.seq !== v.question.seq) {
      for (const at of ANNOUNCE_AT) {
        const key = `${v.question.seq}:${at}`;
        if (s === at && !this.announced.has(key)) {
          this.announced.add(key);
          this.announcer.say(t('player.secondsLeft', { count: at }));
        }
      }
    }
    // This student's own time running out while the question stays open for others: the screen says so.
    const running = v.phase === 'question' && !v.paused && left > 0;
    if (this.questionClockRan && !running && v.phase === 'question') queueMicrotask(() => this.render());
    this.questionClockRan = running;
    if (v.paused || left <= 0 || document.visibilityState === 'hidden') return;
    // Wake up when the displayed second changes, not more often.
    this.clockTimer = setTimeout(() => this.tickClock(), (left % 1000 || 1000) + 20);
  }

  private render(): void {
    const v = this.view;
    if (!v || !this.me || this.rendered === 'ended') return;
    this.tickClock();
    this.renderHeld();
    if (v.phase === 'scenario' && !v.paused) {
      this.ops ??= new OpsConsole(
        (action) => send(this.room, 'scenario:action', { action }),
        (text) => this.announcer.say(text),
      );
      if (!this.ops.root.isConnected) {
        this.rendered = 'scenario';
        this.show('scenario', [this.ops.root]);
      }
      this.ops.update(v, this.me.playerId);
      return;
    }
    if (this.ops && v.phase !== 'scenario') this.ops = null;
    const answered = this.myAnswer?.seq === v.question.seq;
    const timeUp = !answered && this.timeIsUp(v);
    const result = this.lastResult && this.lastResult.seq === v.reveal.seq ? this.lastResult : null;
    const key = `${v.phase}|${v.question.seq}|${v.reveal.seq}|${answered}|${result?.seq ?? ''}|${v.paused}|${v.roundIndex}|${v.scenario.reports.length}|${this.standing?.score ?? ''}|${v.teams[this.me.team]?.rank ?? ''}|${timeUp}|${this.me.name}|${this.me.nickname.rerollsLeft}`;
    if (key === this.rendered) return;
    this.rendered = key;
    const nodes = this.content(v, this.me, answered, timeUp, result);
    this.show(`${v.phase}|${v.question.seq}|${v.paused}`, nodes);
    if (v.phase === 'reveal') this.announcer.say(screens.revealAnnouncement(v, result, this.myAnswer?.seq === v.reveal.seq ? this.myAnswer.answer : null));
  }

  private screenKey = '';

  /** Puts a screen in the panel; a new screen starts at the top with its heading focused. */
  private show(screen: string, nodes: Node[]): void {
    const active = document.activeElement;
    const focusHere = !active || active === document.body || this.panel.contains(active);
    this.panel.replaceChildren(...nodes);
    if (screen === this.screenKey) return;
    this.screenKey = screen;
    stopReading();
    window.scrollTo({ top: 0 });
    if (focusHere) this.panel.querySelector<HTMLElement>('h1')?.focus({ preventScroll: true });
  }

  private content(v: GameView, me: Me, answered: boolean, timeUp: boolean, result: PlayerResult | null): Node[] {
    if (v.paused && v.phase !== 'question') return screens.paused();
    const teamName = (t('teams.names', { returnObjects: true }) as unknown as string[])[me.team] ?? String(me.team + 1);
    switch (v.phase) {
      case 'lobby':
        return screens.lobby(me.nickname, teamName, () => send(this.room, 'name:reroll', {}));
      case 'round-intro':
        return screens.roundIntro(v);
      case 'question':
        if (answered) return screens.waiting(v, this.myAnswer?.answer ?? null);
        if (v.paused) return screens.paused();
        if (timeUp) return screens.timeUp(v);
        return screens.question(v, (answer) => {
          this.myAnswer = { seq: v.question.seq, answer };
          send(this.room, 'answer', { seq: v.question.seq, answer, tapAt: phoneClock() });
          this.rendered = '';
          this.render();
        });
      case 'reveal':
        return screens.reveal(v, result, this.myAnswer?.seq === v.reveal.seq ? this.myAnswer.answer : null);
      case 'leaderboard':
        return screens.leaderboard(v, me.team, this.standing);
      case 'podium':
        return screens.podium(v, me.team, me.score);
      case 'scenario':
        return screens.paused();
      case 'scenario-report':
        return screens.scenarioReport(v, me.team);
    }
  }
}
