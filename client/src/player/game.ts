// The phone during a game: accessible DOM controls (answer buttons, score) over a Phaser
// background that plays the feedback. Keeps the seat token in this browser and finds its way
// back after a drop, a sleep, a reload or a restart of the server.
import './game.css';
import { t } from '../i18n.ts';
import { el } from '../ui/dom.ts';
import { joinPlayer, on, send, type GameRoom } from '../net/connection.ts';
import { ANSWER_COLORS, ANSWER_SHAPES, TEAM_COLORS, TEAM_SHAPES, shapeSvg } from '../view/palette.ts';
import { snapshot, timeLeftMs, type GameView } from '../view/model.ts';
import { rightAnswerText } from '../view/answers.ts';
import type { AnswerPayload, ServerMessages } from '../../../shared/protocol.ts';
import { CLOSE } from '../../../shared/codes.ts';
import type { PlayerStage } from '../scenes/player/stage.ts';
import { OpsConsole } from './ops.ts';

type Result = ServerMessages['result'];

interface Me {
  playerId: string;
  seat: string;
  name: string;
  team: number;
  score: number;
  streak: number;
}

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
  private answeredSeq = -1;
  private lastResult: Result | null = null;
  private rendered = '';
  private draft: number[] = [];
  private numeric: number | null = null;
  private stage: PlayerStage | null = null;
  private rejoining = false;
  private ended = false;
  private ops: OpsConsole | null = null;

  private readonly root = document.getElementById('game') as HTMLElement;
  private readonly teamChip = el('span', { className: 'chip' });
  private readonly score = el('strong', { id: 'my-score' });
  private readonly panel = el('main', { className: 'panel' });
  private readonly timer = el('div', { className: 'timer', role: 'timer' });
  private readonly banner = el('div', { className: 'banner', role: 'status', hidden: true });
  private readonly toast = el('div', { className: 'toast', role: 'alert' });
  private readonly stageHost = el('div', { className: 'stage' });

  constructor(
    private readonly code: string,
    room: GameRoom,
  ) {
    this.room = room;
    this.score.dataset.testid = 'my-score';
    this.score.setAttribute('aria-live', 'polite');
    this.score.textContent = '0';
    const scoreBox = el('span', { className: 'score' }, el('span', { className: 'label' }, t('player.score')), ' ', this.score);
    this.root.replaceChildren(this.stageHost, el('header', { className: 'bar' }, this.teamChip, scoreBox), this.timer, this.panel, this.banner, this.toast);
    this.root.hidden = false;
    this.ready = new Promise((resolve) => {
      this.bind(room, resolve);
    });
    setInterval(() => this.tickTimer(), 250);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') this.ensureConnected();
    });
    window.addEventListener('online', () => this.ensureConnected());
    void import('../scenes/player/stage.ts').then((m) => {
      this.stage = m.createPlayerStage(this.stageHost);
      if (this.me) this.stage.setTeam(this.me.team);
    });
  }

  private bind(room: GameRoom, onWelcome: () => void): void {
    this.room = room;
    on(room, 'welcome', (w) => {
      this.me = { playerId: w.playerId, seat: w.seat, name: w.name, team: w.team, score: w.score, streak: w.streak };
      this.clockOffset = w.serverNow - Date.now();
      localStorage.setItem(`ua:seat:${this.code}`, JSON.stringify({ seat: w.seat, name: w.name }));
      localStorage.setItem('ua:last-code', this.code);
      history.replaceState(null, '', `/?code=${this.code}&rejoin=1${location.search.includes('lang=') ? `&lang=${document.documentElement.lang}` : ''}`);
      this.score.textContent = String(w.score);
      this.renderTeam();
      this.stage?.setTeam(w.team);
      this.banner.hidden = true;
      this.rendered = '';
      this.render();
      onWelcome();
    });
    on(room, 'ack', (a) => {
      this.answeredSeq = a.seq;
      this.rendered = '';
      this.render();
    });
    on(room, 'refused', (r) => this.showToast(r.type === 'scenario:action' && r.reason ? `${t(`refusal.${r.code}`)} ${r.reason}` : t(`refusal.${r.code}`)));
    on(room, 'action-ack', () => this.showToast(t('ops.sent'), 'ok'));
    on(room, 'result', (r) => {
      this.lastResult = r;
      if (this.me) {
        this.me.score = r.score;
        this.me.streak = r.streak;
      }
      this.score.textContent = String(r.score);
      this.stage?.feedback(r.credit >= 1 ? 'correct' : r.credit > 0 ? 'partial' : 'wrong');
      if (r.credit >= 1 && 'vibrate' in navigator) navigator.vibrate?.(60);
      this.rendered = '';
      this.render();
    });
    on(room, 'moved', (m) => {
      if (!this.me || room !== this.room) return;
      this.me.team = m.team;
      this.renderTeam();
      this.stage?.setTeam(m.team);
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
      const me = this.me;
      if (me && this.view.teams[me.team] === undefined) this.renderTeam();
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
        const code = (err as { code?: number }).code;
        if (code === 4404) {
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
    const children: Node[] = [el('p', { className: 'big' }, message)];
    if (offerRejoin && this.me) {
      const seat = this.me.seat;
      children.push(
        el('button', {
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
    this.timer.textContent = '';
    this.rendered = 'ended';
  }

  private showToast(text: string, kind: 'ok' | 'bad' = 'bad'): void {
    this.toast.textContent = text;
    this.toast.classList.toggle('ok', kind === 'ok');
    this.toast.classList.add('show');
    setTimeout(() => this.toast.classList.remove('show'), 2500);
  }

  private renderTeam(): void {
    if (!this.me) return;
    const names = t('teams.names', { returnObjects: true }) as unknown as string[];
    const team = this.me.team;
    this.teamChip.innerHTML = shapeSvg(TEAM_SHAPES[team] ?? 'circle');
    this.teamChip.append(` ${names[team] ?? team + 1} · ${this.me.name}`);
    this.teamChip.style.background = TEAM_COLORS[team] ?? '#333';
  }

  private tickTimer(): void {
    const v = this.view;
    if (!v || v.phase !== 'question' || this.rendered === 'ended') {
      this.timer.textContent = '';
      return;
    }
    this.timer.textContent = v.paused ? t('player.paused') : `${Math.ceil(timeLeftMs(v, this.clockOffset) / 1000)} s`;
  }

  private render(): void {
    const v = this.view;
    if (!v || !this.me || this.rendered === 'ended') return;
    if (v.phase === 'scenario' && !v.paused) {
      if (!this.ops) {
        this.ops = new OpsConsole((action) => send(this.room, 'scenario:action', { action }));
        this.panel.replaceChildren(this.ops.root);
        this.rendered = 'scenario';
      }
      this.ops.update(v, this.me.playerId, this.clockOffset, timeLeftMs(v, this.clockOffset));
      return;
    }
    if (this.ops && v.phase !== 'scenario') this.ops = null;
    if (this.ops) this.rendered = '';
    const key = `${v.phase}|${v.question.seq}|${v.reveal.seq}|${this.answeredSeq}|${this.lastResult?.seq ?? 0}|${v.paused}|${v.roundIndex}|${v.scenario.reports.length}`;
    if (key === this.rendered) return;
    this.rendered = key;
    this.panel.replaceChildren(...this.content(v, this.me));
  }

  private content(v: GameView, me: Me): Node[] {
    if (v.paused && v.phase !== 'question') return [el('p', { className: 'big' }, t('player.paused'))];
    switch (v.phase) {
      case 'lobby':
        return [el('h1', {}, t('player.welcome', { name: me.name })), el('p', {}, t('player.waitLobby'))];
      case 'round-intro':
        return [el('p', { className: 'muted' }, t('player.roundIntro', { n: v.roundIndex + 1, total: v.roundCount })), el('h1', {}, v.roundTitle), el('p', {}, t('player.getReady'))];
      case 'question':
        if (this.answeredSeq === v.question.seq) return [el('h2', {}, v.question.text), el('p', { className: 'big' }, t('player.answered'))];
        return this.controls(v);
      case 'reveal':
        return this.revealContent(v);
      case 'leaderboard':
        return [
          el('h1', {}, t('player.teamRank', { rank: v.teams[me.team]?.rank ?? '-' })),
          ...(this.lastResult ? [el('p', {}, t('player.rank', { rank: this.lastResult.rank, players: this.lastResult.players }))] : []),
          el('p', { className: 'muted' }, t('player.leaderboard')),
        ];
      case 'podium':
        return [el('h1', {}, t('player.podium', { score: me.score })), el('p', {}, t('player.teamRank', { rank: v.teams[me.team]?.rank ?? '-' }))];
      case 'scenario':
        return [el('h1', {}, v.scenario.title), el('p', {}, t('player.paused'))];
      case 'scenario-report': {
        const r = v.scenario.reports.find((x) => x.team === me.team);
        if (!r) return [el('h1', {}, t('ops.report.title'))];
        return [
          el('h1', {}, t('ops.report.title')),
          el('p', { className: 'big' }, t('player.points', { points: r.points })),
          el('p', {}, `${t('ops.report.availability')}: ${(r.availability / 100).toFixed(2)} % · ${t('ops.report.p95')}: ${r.p95} ms`),
          el('p', {}, t('player.teamRank', { rank: r.rankAfter })),
          el('p', { className: 'why' }, v.scenario.concept),
        ];
      }
    }
  }

  private answer(seq: number, answer: AnswerPayload): void {
    send(this.room, 'answer', { seq, answer });
    this.panel.querySelectorAll('button').forEach((b) => (b.disabled = true));
  }

  private controls(v: GameView): Node[] {
    const q = v.question;
    const heading = el('h2', {}, q.text);
    const choiceButton = (text: string, i: number, onclick: () => void) => {
      const b = el('button', { className: 'answer', onclick });
      b.style.background = ANSWER_COLORS[i % 4] ?? '#333';
      b.innerHTML = shapeSvg(ANSWER_SHAPES[i % 4] ?? 'circle');
      b.append(el('span', {}, text));
      return b;
    };
    switch (q.type) {
      case 'single':
      case 'poll': {
        const grid = el('div', { className: 'answers' }, ...q.options.map((o, i) => choiceButton(o, i, () => this.answer(q.seq, { kind: 'choice', index: i }))));
        return [heading, ...(q.type === 'poll' ? [el('p', { className: 'muted' }, t('player.pollHint'))] : []), grid];
      }
      case 'truefalse':
        return [heading, el('div', { className: 'answers two' }, choiceButton(t('answer.true'), 0, () => this.answer(q.seq, { kind: 'choice', index: 0 })), choiceButton(t('answer.false'), 1, () => this.answer(q.seq, { kind: 'choice', index: 1 })))];
      case 'multi': {
        this.draft = [];
        const sendBtn = el('button', { className: 'primary', textContent: t('player.send'), disabled: true });
        const buttons = q.options.map((o, i) => {
          const b = choiceButton(o, i, () => {
            const on = !this.draft.includes(i);
            this.draft = on ? [...this.draft, i] : this.draft.filter((x) => x !== i);
            b.setAttribute('aria-pressed', String(on));
            sendBtn.disabled = this.draft.length === 0;
          });
          b.setAttribute('aria-pressed', 'false');
          return b;
        });
        sendBtn.onclick = () => this.answer(q.seq, { kind: 'multi', indices: [...this.draft].sort() });
        return [heading, el('p', { className: 'muted' }, t('player.multiHint')), el('div', { className: 'answers' }, ...buttons), sendBtn];
      }
      case 'order': {
        this.draft = [];
        const sendBtn = el('button', { className: 'primary', textContent: t('player.send'), disabled: true });
        const badges: HTMLElement[] = [];
        const buttons = q.options.map((o, i) => {
          const badge = el('span', { className: 'badge' });
          badges[i] = badge;
          const b = el('button', { className: 'order-item' }, badge, el('span', {}, o));
          b.onclick = () => {
            if (this.draft.includes(i)) return;
            this.draft.push(i);
            badge.textContent = String(this.draft.length);
            b.setAttribute('aria-pressed', 'true');
            sendBtn.disabled = this.draft.length !== q.options.length;
          };
          b.setAttribute('aria-pressed', 'false');
          return b;
        });
        const reset = el('button', {
          className: 'secondary',
          textContent: t('player.reset'),
          onclick: () => {
            this.draft = [];
            badges.forEach((bd) => (bd.textContent = ''));
            buttons.forEach((b) => b.setAttribute('aria-pressed', 'false'));
            sendBtn.disabled = true;
          },
        });
        sendBtn.onclick = () => this.answer(q.seq, { kind: 'order', order: [...this.draft] });
        return [heading, el('p', { className: 'muted' }, t('player.orderHint')), el('div', { className: 'order' }, ...buttons), el('div', { className: 'row' }, reset, sendBtn)];
      }
      case 'numeric': {
        const mid = q.min + Math.round((q.max - q.min) / 2 / q.step) * q.step;
        this.numeric = mid;
        const output = el('output', { className: 'value' }, `${mid} ${q.unit}`);
        const slider = el('input', { type: 'range', min: String(q.min), max: String(q.max), step: String(q.step), value: String(mid) });
        slider.setAttribute('aria-label', q.text);
        slider.oninput = () => {
          this.numeric = Number(slider.value);
          output.textContent = `${slider.value} ${q.unit}`;
        };
        const sendBtn = el('button', { className: 'primary', textContent: t('player.send'), onclick: () => this.answer(q.seq, { kind: 'numeric', value: this.numeric ?? mid }) });
        return [heading, el('p', { className: 'muted' }, t('player.numericHint')), output, slider, sendBtn];
      }
      default:
        return [heading];
    }
  }

  private revealContent(v: GameView): Node[] {
    const r = this.lastResult && this.lastResult.seq === v.reveal.seq ? this.lastResult : null;
    const q = v.question;
    const out: Node[] = [];
    if (q.type === 'poll') out.push(el('h1', {}, t('player.pollDone')));
    else if (!r || (r.credit === 0 && r.points === 0 && !this.answeredFor(v))) out.push(el('h1', { className: 'bad' }, t('player.noAnswer')));
    else if (r.correct) out.push(el('h1', { className: 'good' }, t('player.correct')));
    else if (r.credit > 0) out.push(el('h1', { className: 'warn' }, t('player.partial')));
    else out.push(el('h1', { className: 'bad' }, t('player.wrong')));
    if (r && r.points > 0) out.push(el('p', { className: 'big' }, t('player.points', { points: r.points })));
    if (r && r.streak > 1) out.push(el('p', {}, t('player.streak', { count: r.streak })));
    if (r) out.push(el('p', { className: 'muted' }, t('player.rank', { rank: r.rank, players: r.players })));
    const right = rightAnswerText(v);
    if (right) out.push(el('p', { className: 'right' }, right));
    if (v.reveal.explanation) out.push(el('p', { className: 'why' }, v.reveal.explanation));
    return out;
  }

  private answeredFor(v: GameView): boolean {
    return this.answeredSeq === v.reveal.seq;
  }
}
