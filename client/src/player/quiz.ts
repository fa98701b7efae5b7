// The phone's quiz screens, built from the synced state and the player's own answer and result:
// DOM only (the session decides which screen shows and sends what a control asks for). Every
// screen starts with its one level-one heading.
import { t } from '../i18n.ts';
import { el } from '../ui/dom.ts';
import { ANSWER_COLORS, ANSWER_SHAPES, shapeSvg } from '../view/palette.ts';
import { rightAnswerText } from '../view/answers.ts';
import type { GameView, QuestionView } from '../view/model.ts';
import type { AnswerPayload, NicknameInfo, PlayerResult, PlayerStanding } from '../../../shared/protocol.ts';
import { textOn } from './colors.ts';
import { readAloudButton, spokenQuestion } from './read-aloud.ts';

export function formatNumber(n: number): string {
  return new Intl.NumberFormat(document.documentElement.lang || 'es').format(n);
}

/** The words of an answer as the player gave it (the options as shown on this phone). */
export function answerText(q: QuestionView, a: AnswerPayload): string {
  switch (a.kind) {
    case 'choice':
      return q.type === 'truefalse' ? t(a.index === 0 ? 'answer.true' : 'answer.false') : (q.options[a.index] ?? '?');
    case 'multi':
      return a.indices.map((i) => q.options[i] ?? '?').join(' · ');
    case 'order':
      return a.order.map((i) => q.options[i] ?? '?').join(' → ');
    case 'numeric':
      return `${formatNumber(a.value)} ${q.unit}`.trim();
  }
}

/** The shape and colour of the tile the player picked (single choice, true/false), for "your answer". */
function pickedTile(q: QuestionView, a: AnswerPayload): HTMLElement | null {
  if (a.kind !== 'choice') return null;
  return tile(a.index, el('span', {}, answerText(q, a)), 'span');
}

function tile<K extends 'button' | 'span'>(i: number, label: HTMLElement, tag: K): HTMLElementTagNameMap[K] {
  const color = ANSWER_COLORS[i % ANSWER_COLORS.length] ?? '#333333';
  const ink = textOn(color);
  const node = el(tag, { className: 'answer' });
  if (tag === 'button') (node as HTMLButtonElement).type = 'button';
  node.style.background = color;
  node.style.color = ink;
  node.innerHTML = shapeSvg(ANSWER_SHAPES[i % ANSWER_SHAPES.length] ?? 'circle', ink);
  node.append(label);
  return node;
}

function heading(text: string, className = ''): HTMLHeadingElement {
  const h = el('h1', { className, tabIndex: -1 }, text);
  return h;
}

function mine(q: QuestionView, a: AnswerPayload | null): Node[] {
  if (!a) return [el('p', { className: 'mine none' }, t('player.youDidNotAnswer'))];
  const picked = pickedTile(q, a);
  return [el('div', { className: 'mine' }, el('span', { className: 'label' }, t('player.yourAnswer')), picked ?? el('strong', {}, answerText(q, a)))];
}

/** The lobby; a generated nickname can be swapped for another while any are left (`reroll` sends name:reroll). */
export function lobby(nick: NicknameInfo, teamName: string, reroll: () => void): Node[] {
  const out: Node[] = [heading(t('player.welcome', { name: nick.name })), el('p', {}, t('player.yourTeamIs', { team: teamName }))];
  if (nick.rerollsLeft > 0) {
    const again = el('button', { type: 'button', className: 'secondary reroll', textContent: t('player.newName', { count: nick.rerollsLeft }) });
    again.onclick = () => {
      again.disabled = true;
      reroll();
    };
    out.push(again);
  }
  out.push(el('p', { className: 'muted' }, t('player.waitLobby')));
  return out;
}

/** The class's time (or this student's own) is up and the question waits for others. */
export function timeUp(v: GameView): Node[] {
  return [heading(t('player.timeUp')), el('p', { className: 'muted' }, t('player.answered')), el('p', { className: 'asked' }, v.question.text)];
}

export function paused(): Node[] {
  return [heading(t('player.paused')), el('p', { className: 'muted' }, t('player.pausedHint'))];
}

export function roundIntro(v: GameView): Node[] {
  return [heading(v.roundTitle), el('p', { className: 'muted' }, t('player.roundIntro', { n: v.roundIndex + 1, total: v.roundCount })), el('p', {}, t('player.getReady'))];
}

/** The open question's controls. `send` is called once with the answer. */
export function question(v: GameView, send: (answer: AnswerPayload) => void): Node[] {
  const q = v.question;
  const head: Node[] = [heading(q.text, 'question'), el('p', { className: 'muted progress' }, t('player.questionOf', { n: q.index + 1, total: q.count }))];
  const spoken = q.type === 'truefalse' ? [t('answer.true'), t('answer.false')] : q.options;
  const reader = readAloudButton(v.lang, () => spokenQuestion(q.text, spoken));
  if (reader) head.push(reader);
  let sent = false;
  const once = (a: AnswerPayload) => {
    if (sent) return;
    sent = true;
    send(a);
  };
  const choice = (text: string, i: number, onclick: () => void) => {
    const b = tile(i, el('span', {}, text), 'button');
    b.onclick = onclick;
    return b;
  };
  switch (q.type) {
    case 'single':
    case 'poll':
      return [...head, ...(q.type === 'poll' ? [el('p', { className: 'hint' }, t('player.pollHint'))] : []), el('div', { className: 'answers' }, ...q.options.map((o, i) => choice(o, i, () => once({ kind: 'choice', index: i }))))];
    case 'truefalse':
      return [...head, el('div', { className: 'answers' }, choice(t('answer.true'), 0, () => once({ kind: 'choice', index: 0 })), choice(t('answer.false'), 1, () => once({ kind: 'choice', index: 1 })))];
    case 'multi': {
      let picked: number[] = [];
      const sendBtn = el('button', { type: 'button', className: 'primary', textContent: t('player.send'), disabled: true });
      const buttons = q.options.map((o, i) => {
        const b = choice(o, i, () => {
          const on = !picked.includes(i);
          picked = on ? [...picked, i] : picked.filter((x) => x !== i);
          b.setAttribute('aria-pressed', String(on));
          sendBtn.disabled = picked.length === 0;
        });
        b.setAttribute('aria-pressed', 'false');
        return b;
      });
      sendBtn.onclick = () => once({ kind: 'multi', indices: [...picked].sort((a, b) => a - b) });
      return [...head, el('p', { className: 'hint' }, t('player.multiHint')), el('div', { className: 'answers' }, ...buttons), sendBtn];
    }
    case 'order': {
      let order: number[] = [];
      const sendBtn = el('button', { type: 'button', className: 'primary', textContent: t('player.send'), disabled: true });
      const badges: HTMLElement[] = [];
      const buttons = q.options.map((o, i) => {
        const badge = el('span', { className: 'step' });
        badges[i] = badge;
        const b = el('button', { type: 'button', className: 'order-item' }, badge, el('span', {}, o));
        b.setAttribute('aria-pressed', 'false');
        b.onclick = () => {
          if (order.includes(i)) return;
          order.push(i);
          badge.textContent = String(order.length);
          b.setAttribute('aria-pressed', 'true');
          sendBtn.disabled = order.length !== q.options.length;
        };
        return b;
      });
      const reset = el('button', {
        type: 'button',
        className: 'secondary',
        textContent: t('player.reset'),
        onclick: () => {
          order = [];
          badges.forEach((bd) => (bd.textContent = ''));
          buttons.forEach((b) => b.setAttribute('aria-pressed', 'false'));
          sendBtn.disabled = true;
        },
      });
      sendBtn.onclick = () => once({ kind: 'order', order: [...order] });
      return [...head, el('p', { className: 'hint' }, t('player.orderHint')), el('div', { className: 'order' }, ...buttons), el('div', { className: 'row' }, reset, sendBtn)];
    }
    case 'numeric':
      return [...head, ...numericControl(q, (value) => once({ kind: 'numeric', value }))];
    default:
      return head;
  }
}

/**
 * A slider that starts with no value (its thumb hidden, the value "—") and a box to type in: the
 * student has to move it or type a number, and the Send button says so until then.
 */
function numericControl(q: QuestionView, send: (value: number) => void): Node[] {
  let value: number | null = null;
  const unit = q.unit ? ` ${q.unit}` : '';
  const output = el('output', { className: 'value' }, '—');
  output.setAttribute('aria-hidden', 'true');
  const slider = el('input', { type: 'range', className: 'unset', min: String(q.min), max: String(q.max), step: String(q.step) });
  slider.value = String(q.min + Math.round((q.max - q.min) / 2 / q.step) * q.step);
  slider.setAttribute('aria-label', t('player.estimate'));
  slider.setAttribute('aria-valuetext', t('player.noValueYet'));
  const boxId = `estimate-${q.seq}`;
  const box = el('input', { type: 'number', id: boxId, className: 'num', min: String(q.min), max: String(q.max), step: 'any', inputMode: 'decimal' });
  const sendBtn = el('button', { type: 'button', className: 'primary', textContent: t('player.numericFirst'), disabled: true });
  const set = (raw: number, from: 'slider' | 'box') => {
    if (!Number.isFinite(raw)) return;
    const n = Math.min(q.max, Math.max(q.min, raw));
    value = n;
    output.textContent = `${formatNumber(n)}${unit}`;
    slider.classList.remove('unset');
    slider.setAttribute('aria-valuetext', `${formatNumber(n)}${unit}`);
    if (from === 'box') slider.value = String(n);
    else box.value = String(n);
    sendBtn.disabled = false;
    sendBtn.textContent = t('player.send');
  };
  slider.addEventListener('input', () => set(Number(slider.value), 'slider'));
  // A tap on the thumb's hidden starting place changes nothing: it still counts as choosing it.
  slider.addEventListener('pointerup', () => value === null && set(Number(slider.value), 'slider'));
  box.addEventListener('input', () => {
    if (box.value.trim() !== '') set(Number(box.value), 'box');
  });
  sendBtn.onclick = () => value !== null && send(value);
  const range = el('p', { className: 'muted range' }, `${formatNumber(q.min)}${unit} – ${formatNumber(q.max)}${unit}`);
  return [
    el('p', { className: 'hint' }, t('player.numericHint')),
    output,
    slider,
    range,
    el('div', { className: 'field' }, el('label', { htmlFor: boxId }, t('player.typeEstimate', { unit: q.unit || '' }).trim()), box),
    sendBtn,
  ];
}

export function waiting(v: GameView, answer: AnswerPayload | null): Node[] {
  return [heading(t('player.answeredTitle')), ...mine(v.question, answer), el('p', { className: 'muted' }, t('player.answered')), el('p', { className: 'asked' }, v.question.text)];
}

export function reveal(v: GameView, result: PlayerResult | null, answer: AnswerPayload | null): Node[] {
  const q = v.question;
  const given = result?.answer ?? answer;
  const out: Node[] = [];
  if (q.type === 'poll') out.push(heading(t('player.pollDone')));
  else if (!given) out.push(heading(t('player.noAnswer'), 'bad'));
  else if (!result) out.push(heading(t('player.answeredTitle')));
  else if (result.correct) out.push(heading(t('player.correct'), 'good'));
  else if (result.credit > 0) out.push(heading(t('player.partial'), 'warn'));
  else out.push(heading(t('player.wrong'), 'bad'));
  if (result && result.points > 0) out.push(el('p', { className: 'big' }, t('player.points', { points: formatNumber(result.points) })));
  out.push(...mine(q, given));
  const right = rightAnswerText(v);
  if (right && q.type !== 'poll') out.push(el('p', { className: 'right' }, right));
  if (result && result.streak > 1) out.push(el('p', {}, t('player.streak', { count: result.streak })));
  if (result) out.push(el('p', { className: 'muted' }, t('player.rank', { rank: result.rank, players: result.players })));
  if (v.reveal.explanation) out.push(el('p', { className: 'why' }, v.reveal.explanation));
  return out;
}

/** What a screen reader hears when the reveal appears. */
export function revealAnnouncement(v: GameView, result: PlayerResult | null, answer: AnswerPayload | null): string {
  const parts = reveal(v, result, answer).slice(0, 4).map((n) => (n as HTMLElement).textContent ?? '');
  return parts.filter(Boolean).join('. ');
}

export function leaderboard(v: GameView, team: number, standing: PlayerStanding | null): Node[] {
  return [
    heading(t('player.teamRank', { rank: v.teams[team]?.rank ?? standing?.teamRank ?? '-' })),
    ...(standing ? [el('p', {}, t('player.rank', { rank: standing.rank, players: standing.players }))] : []),
    el('p', { className: 'muted' }, t('player.leaderboard')),
  ];
}

export function podium(v: GameView, team: number, score: number): Node[] {
  return [heading(t('player.podium', { score: formatNumber(score) })), el('p', {}, t('player.teamRank', { rank: v.teams[team]?.rank ?? '-' })), el('p', { className: 'muted' }, t('player.thanks'))];
}

export function scenarioReport(v: GameView, team: number): Node[] {
  const r = v.scenario.reports.find((x) => x.team === team);
  if (!r) return [heading(t('ops.report.title'))];
  return [
    heading(t('ops.report.title')),
    el('p', { className: 'big' }, t('player.points', { points: formatNumber(r.points) })),
    el('p', {}, `${t('ops.report.availability')}: ${formatNumber(Math.round(r.availability) / 100)} % · ${t('ops.report.p95')}: ${formatNumber(r.p95)} ms`),
    el('p', {}, t('player.teamRank', { rank: r.rankAfter })),
    el('p', { className: 'why' }, v.scenario.concept),
  ];
}
