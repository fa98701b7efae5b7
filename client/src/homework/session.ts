// A homework attempt on the student's phone: the phone's own screens (player/quiz.ts, the scenario
// console player/ops.ts, its styles) with the student in the teacher's place: a "Start" or "Next"
// button wherever a live game waits for the teacher, and at the end the score, the way to this
// attempt's results and post-mortem, and "Play again". A dropped connection comes back by itself,
// through the HTTP resume when the room has closed meanwhile. Nothing runs while nothing changes:
// the clock ticks once a second only while a question or a scenario round shows.
import '../player/game.css';
import './session.css';
import { t } from '../i18n.ts';
import { el } from '../ui/dom.ts';
import { joinAttempt, on, send, sendHomework, type GameRoom } from '../net/connection.ts';
import { snapshot, timeLeftMs, type GameView } from '../view/model.ts';
import type { AnswerPayload, AssignmentInfo, AttemptTicket, PlayerResult } from '../../../shared/protocol.ts';
import { CLOSE, JOIN_ERROR } from '../../../shared/codes.ts';
import { OpsConsole, formatTime } from '../player/ops.ts';
import * as screens from '../player/quiz.ts';
import { Announcer } from '../player/announce.ts';
import { celebrate, pulse } from '../player/feedback.ts';
import { HomeworkError, resumeAttempt } from './api.ts';

export interface SessionOptions {
  readonly info: AssignmentInfo;
  readonly ticket: AttemptTicket;
  readonly token: string;
  /** The landing page, hidden while the attempt plays. */
  readonly landing: HTMLElement;
  readonly playAgain: () => void;
  /** The attempt reached its end (or can no longer go on). */
  readonly onOver: () => void;
}

/** Seconds left at which the countdown is announced to screen readers (as on a live phone). */
const ANNOUNCE_AT = [10, 5] as const;

export async function startAttemptSession(o: SessionOptions): Promise<void> {
  const s = new AttemptSession(o);
  if (o.ticket.roomId) await s.connect(o.ticket.roomId);
  else s.over(o.ticket.status, o.ticket.score);
}

class AttemptSession {
  private room: GameRoom | null = null;
  private view: GameView | null = null;
  private playerId = '';
  private name: string;
  private score = 0;
  private clockOffset = 0;
  private myAnswer: { seq: number; answer: AnswerPayload } | null = null;
  private lastResult: PlayerResult | null = null;
  private rendered = '';
  private screenKey = '';
  private ended = false;
  private rejoining = false;
  private ops: OpsConsole | null = null;
  private clockTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly announced = new Set<string>();

  private readonly root = document.getElementById('game') as HTMLElement;
  private readonly chip = el('p', { className: 'chip' });
  private readonly clock = el('span', { className: 'clock', role: 'timer', hidden: true });
  private readonly scoreEl = el('strong', { id: 'my-score' });
  private readonly progress = el('p', { className: 'muted progress-line' });
  private readonly panel = el('div', { className: 'panel' });
  private readonly banner = el('div', { className: 'banner', role: 'status', hidden: true });
  private readonly toast = el('div', { className: 'toast', role: 'status' });
  private readonly announcer = new Announcer();

  constructor(private readonly o: SessionOptions) {
    this.name = o.ticket.name;
    this.score = o.ticket.score;
    this.scoreEl.dataset.testid = 'my-score';
    this.scoreEl.setAttribute('aria-live', 'polite');
    this.scoreEl.textContent = String(this.score);
    this.clock.setAttribute('aria-label', t('player.timeLeft'));
    this.chip.append(el('span', { className: 'nick' }, this.name));
    const scoreBox = el('p', { className: 'score' }, el('span', { className: 'label' }, t('player.score')), ' ', this.scoreEl);
    this.root.replaceChildren(el('header', { className: 'bar' }, this.chip, el('div', { className: 'status' }, this.clock, scoreBox)), this.panel, this.banner, this.toast, this.announcer.root);
    this.root.hidden = false;
    o.landing.hidden = true;
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') {
        this.ensureConnected();
        this.tickClock();
      }
    });
    window.addEventListener('online', () => this.ensureConnected());
  }

  async connect(roomId: string): Promise<void> {
    const room = await joinAttempt(roomId, this.o.token);
    await new Promise<void>((resolve) => this.bind(room, resolve));
  }

  private bind(room: GameRoom, onWelcome: () => void): void {
    this.room = room;
    on(room, 'homework:welcome', (w) => {
      this.clockOffset = w.serverNow - Date.now();
      this.name = w.name;
    });
    on(room, 'welcome', (w) => {
      this.playerId = w.playerId;
      this.myAnswer = w.answer;
      if (w.result) this.lastResult = w.result;
      this.setScore(w.score, false);
      this.banner.hidden = true;
      this.rendered = '';
      this.render();
      onWelcome();
    });
    on(room, 'ack', () => {
      this.rendered = '';
      this.render();
    });
    on(room, 'refused', (r) => {
      if (r.type === 'answer' && r.code !== 'already_answered') this.myAnswer = null;
      // A "next" that crossed the timer (the question closed by itself) needs no word.
      if (r.type !== 'homework:next') this.showToast(r.type === 'scenario:action' && r.reason ? `${t(`refusal.${r.code}`)} ${r.reason}` : t(`refusal.${r.code}`));
      this.rendered = '';
      this.render();
    });
    on(room, 'action-ack', (a) => this.ops?.acknowledged(a.type));
    on(room, 'result', (r) => {
      this.lastResult = r;
      if (r.answer) this.myAnswer = { seq: r.seq, answer: r.answer };
      this.setScore(r.score, r.points > 0);
      this.rendered = '';
      this.render();
      if (this.view && this.view.question.type !== 'poll') celebrate(this.root, r.credit >= 1 ? 'correct' : r.credit > 0 ? 'partial' : 'wrong', this.panel.querySelector('h1'));
    });
    on(room, 'standing', (s) => this.setScore(s.score, s.score > this.score));
    on(room, 'seat-taken', () => {
      if (room === this.room) this.endWith(t('homework.seatTaken'), true);
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
      if (room !== this.room || this.ended || code === CLOSE.seatTaken || code === 1000) return;
      this.banner.textContent = t('player.reconnecting');
      this.banner.hidden = false;
      void this.rejoin();
    });
  }

  /** After a sleep or a network change the socket may be gone without the SDK noticing. */
  private ensureConnected(): void {
    if (this.ended || this.rejoining || !this.room) return;
    const open = (this.room as unknown as { connection?: { isOpen?: boolean } }).connection?.isOpen;
    if (open === false) void this.rejoin();
  }

  /** Back to the attempt: its room may have closed meanwhile, so the server opens it again (HTTP resume). */
  private async rejoin(): Promise<void> {
    if (this.rejoining) return;
    this.rejoining = true;
    for (let attempt = 0; attempt < 60 && !this.ended; attempt++) {
      try {
        const ticket = await resumeAttempt(this.o.info.id, this.o.token);
        if (!ticket.roomId) {
          this.over(ticket.status, ticket.score);
          break;
        }
        const room = await joinAttempt(ticket.roomId, this.o.token);
        this.bind(room, () => undefined);
        this.rejoining = false;
        return;
      } catch (err) {
        if (err instanceof HomeworkError && err.reason !== 'network' && err.reason !== 'busy') {
          this.endWith(t(`homework.errors.${err.reason}`, { message: err.message, date: '' }), false);
          break;
        }
        if ((err as { code?: number }).code === JOIN_ERROR.seat) {
          this.endWith(t('homework.errors.unknown_attempt'), false);
          break;
        }
        await new Promise((r) => setTimeout(r, Math.min(5000, 1000 + attempt * 500)));
      }
    }
    this.rejoining = false;
  }

  private endWith(message: string, offerHere: boolean): void {
    this.ended = true;
    const children: Node[] = [el('h1', { tabIndex: -1 }, message)];
    if (offerHere) {
      children.push(
        el('button', {
          type: 'button',
          className: 'primary',
          textContent: t('player.useHere'),
          onclick: () => {
            this.ended = false;
            void this.rejoin();
          },
        }),
      );
    }
    this.banner.hidden = true;
    this.ops = null;
    this.rendered = 'ended';
    this.show('ended', children);
    this.tickClock();
  }

  /** The attempt is over (played to the end, or closed at the deadline): its score and what next. */
  over(status: AttemptTicket['status'], score: number): void {
    this.ended = true;
    this.setScore(score, false);
    this.o.onOver();
    void this.room?.leave(true).catch(() => undefined);
    this.rendered = 'over';
    this.ops = null;
    this.tickClock();
    this.show('over', this.overScreen(status === 'closed' ? t('homework.timeUp') : t('homework.done'), score));
  }

  private overScreen(title: string, score: number): Node[] {
    const results = el('a', { className: 'button-link', href: `/homework/${encodeURIComponent(this.o.info.id)}/results${location.search}#token=${encodeURIComponent(this.o.token)}`, textContent: t('homework.myResults') });
    return [
      el('h1', { tabIndex: -1 }, title),
      el('p', { className: 'big' }, t('homework.doneScore', { score: screens.formatNumber(score) })),
      results,
      el('button', { type: 'button', className: 'secondary', textContent: t('homework.playAgain'), onclick: () => this.again() }),
    ];
  }

  private again(): void {
    this.root.hidden = true;
    this.o.landing.hidden = false;
    this.o.playAgain();
  }

  private showToast(text: string): void {
    this.toast.textContent = text;
    this.toast.classList.add('show');
    setTimeout(() => this.toast.classList.remove('show'), 3500);
  }

  private setScore(score: number, up: boolean): void {
    this.score = score;
    const text = String(score);
    if (this.scoreEl.textContent !== text) this.scoreEl.textContent = text;
    if (up) pulse(this.scoreEl);
  }

  /** The one clock: the time left in a question or a scenario round, updated on the second. */
  private tickClock(): void {
    if (this.clockTimer) clearTimeout(this.clockTimer);
    this.clockTimer = null;
    const v = this.view;
    const timed = v && !this.ended && (v.phase === 'question' || v.phase === 'scenario');
    if (!v || !timed) {
      this.clock.hidden = true;
      return;
    }
    this.clock.hidden = false;
    const left = timeLeftMs(v, this.clockOffset);
    const s = Math.ceil(left / 1000);
    const text = v.phase === 'question' ? t('player.seconds', { s }) : formatTime(left);
    if (this.clock.textContent !== text) this.clock.textContent = text;
    this.clock.classList.toggle('urgent', v.phase === 'question' && s <= ANNOUNCE_AT[0]);
    if (v.phase === 'question' && this.myAnswer?.seq !== v.question.seq) {
      for (const at of ANNOUNCE_AT) {
        const key = `${v.question.seq}:${at}`;
        if (s === at && !this.announced.has(key)) {
          this.announced.add(key);
          this.announcer.say(t('player.secondsLeft', { count: at }));
        }
      }
    }
    if (v.paused || left <= 0 || document.visibilityState === 'hidden') return;
    this.clockTimer = setTimeout(() => this.tickClock(), (left % 1000 || 1000) + 20);
  }

  private render(): void {
    const v = this.view;
    if (!v || !this.playerId || this.ended) return;
    this.tickClock();
    this.progress.textContent = v.phase === 'lobby' || v.phase === 'podium' ? '' : t('homework.roundOf', { n: v.roundIndex + 1, total: v.roundCount });
    if (v.phase === 'podium') {
      this.over('finished', this.score);
      return;
    }
    if (v.phase === 'scenario') {
      this.ops ??= new OpsConsole(
        (action) => this.room && send(this.room, 'scenario:action', { action }),
        (text) => this.announcer.say(text),
      );
      if (!this.ops.root.isConnected) {
        this.rendered = 'scenario';
        this.show('scenario', [this.progress, this.ops.root]);
      }
      this.ops.update(v, this.playerId);
      return;
    }
    this.ops = null;
    const answered = this.myAnswer?.seq === v.question.seq;
    const result = this.lastResult && this.lastResult.seq === v.reveal.seq ? this.lastResult : null;
    const key = `${v.phase}|${v.question.seq}|${v.reveal.seq}|${answered}|${result?.seq ?? ''}|${v.roundIndex}|${v.scenario.reports.length}|${this.score}`;
    if (key === this.rendered) return;
    this.rendered = key;
    this.show(`${v.phase}|${v.question.seq}|${v.roundIndex}`, [this.progress, ...this.content(v, answered, result)]);
    if (v.phase === 'reveal') this.announcer.say(screens.revealAnnouncement(v, result, this.myAnswer?.seq === v.reveal.seq ? this.myAnswer.answer : null));
  }

  /** Puts a screen in the panel; a new screen starts at the top with its heading focused. */
  private show(screen: string, nodes: Node[]): void {
    const active = document.activeElement;
    const focusHere = !active || active === document.body || this.panel.contains(active);
    this.panel.replaceChildren(...nodes);
    if (screen === this.screenKey) return;
    this.screenKey = screen;
    window.scrollTo({ top: 0 });
    if (focusHere) this.panel.querySelector<HTMLElement>('h1')?.focus({ preventScroll: true });
  }

  /** The button that does what the teacher does in a live game: start, go on. */
  private next(label: string): HTMLButtonElement {
    const b = el('button', { type: 'button', className: 'primary next', textContent: label });
    b.onclick = () => {
      if (!this.room) return;
      b.disabled = true;
      sendHomework(this.room, 'homework:next', {});
    };
    return b;
  }

  private content(v: GameView, answered: boolean, result: PlayerResult | null): Node[] {
    switch (v.phase) {
      case 'lobby':
        return [el('h1', { tabIndex: -1 }, t('homework.lobbyTitle', { name: this.name })), el('p', {}, t('homework.lobbyHint')), el('p', { className: 'muted' }, t('homework.awayNote')), this.next(t('homework.begin'))];
      case 'round-intro':
        return [...screens.roundIntro(v), this.next(t('homework.begin'))];
      case 'question':
        if (answered) return screens.waiting(v, this.myAnswer?.answer ?? null);
        return screens.question(v, (answer) => {
          if (!this.room) return;
          this.myAnswer = { seq: v.question.seq, answer };
          send(this.room, 'answer', { seq: v.question.seq, answer });
          this.rendered = '';
          this.render();
        });
      case 'reveal': {
        // (a rank among players says nothing in an attempt played alone)
        const rank = result ? t('player.rank', { rank: result.rank, players: result.players }) : null;
        const [heading, ...rest] = screens.reveal(v, result, this.myAnswer?.seq === v.reveal.seq ? this.myAnswer.answer : null).filter((n) => n.textContent !== rank);
        // no projector at home: the question stays in view with its answer
        return [...(heading ? [heading] : []), el('p', { className: 'asked' }, v.question.text), ...rest, this.next(t('homework.next'))];
      }
      case 'leaderboard':
        return [el('h1', { tabIndex: -1 }, t('homework.roundDone')), el('p', { className: 'big' }, t('homework.scoreSoFar', { score: screens.formatNumber(this.score) })), this.next(t('homework.next'))];
      case 'scenario-report':
        return [...this.report(v), this.next(t('homework.continue'))];
      default:
        return [];
    }
  }

  /** The round's report, as the phone shows it, without a rank among teams (there is one). */
  private report(v: GameView): Node[] {
    const r = v.scenario.reports[0];
    if (!r) return [el('h1', { tabIndex: -1 }, t('ops.report.title'))];
    const secs = (s: number) => (s < 0 ? t('ops.report.never') : t('ops.report.seconds', { s }));
    return [
      el('h1', { tabIndex: -1 }, t('ops.report.title')),
      el('p', { className: 'big' }, t('player.points', { points: screens.formatNumber(r.points) })),
      el('p', {}, `${t('ops.report.availability')}: ${screens.formatNumber(Math.round(r.availability) / 100)} % · ${t('ops.report.p95')}: ${screens.formatNumber(r.p95)} ms · ${t('ops.report.cost')}: $${screens.formatNumber(r.cost)}`),
      ...(r.incidents.length
        ? [el('h2', {}, t('ops.report.incidents')), el('ul', { className: 'incidents' }, ...r.incidents.map((i) => el('li', {}, `${t(`ops.causes.${i.cause}`)}: ${secs(i.ttd)} / ${secs(i.ttr)}`)))]
        : []),
      el('p', { className: 'why' }, v.scenario.concept),
    ];
  }
}
