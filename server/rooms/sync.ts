// One-way mirror of the GameModel into the synced GameState. Assignments are skipped when the
// value is unchanged, so a sync after every intent costs only what actually changed.
import { ArraySchema } from '@colyseus/schema';
import { setArray, setFields as set } from './schema-util.ts';
import { pick } from '../../shared/i18n-types.ts';
import { correctIndices, shownCounts, shownOptions } from '../../shared/rules/questions.ts';
import { answeredCount, currentQuestion, currentRound, playerRanks, publicName, speedCounted, teamStandings, type GameModel, type QuestionRecord } from '../../shared/rules/game.ts';
import { CountsState, GameState, QuestionState, RevealState, TeamState, TopPlayerState } from './schema.ts';
import { syncScenarioLive, syncScenarioReports, syncScenarioStart } from './scenario-sync.ts';

export function createState(): GameState {
  const s = new GameState();
  s.question = new QuestionState();
  s.reveal = new RevealState();
  s.teams = new ArraySchema<TeamState>();
  s.top = new ArraySchema<TopPlayerState>();
  s.counts = new CountsState();
  s.counts.teamMembers = new ArraySchema<number>();
  return s;
}

export function syncState(s: GameState, g: GameModel): void {
  const round = currentRound(g);
  set(s, {
    code: g.code,
    lang: g.lang,
    phase: g.phase,
    paused: g.paused,
    locked: g.locked,
    planTitle: pick(g.planTitle, g.lang),
    roundIndex: g.roundIndex,
    roundCount: g.rounds.length,
    roundTitle: round ? pick(round.spec.title, g.lang) : '',
    timerEndsAt: g.timer.endsAt ?? 0,
    timerRemainingMs: g.timer.remainingMs ?? 0,
    timerDurationMs: g.timer.durationMs,
    teamCount: g.teamCount,
    speedScoring: g.settings.speedScoring,
    sound: g.settings.sound,
    overtime: g.phase === 'question' && g.current?.overtime === true,
    speedCounted: speedCounted(g),
    nicknames: g.settings.nicknames,
    holdNames: g.settings.holdNames,
  });
  syncQuestion(s, g);
  syncTeams(s, g);
  syncCounts(s, g);
}

export function syncCounts(s: GameState, g: GameModel): void {
  set(s.counts, {
    answered: answeredCount(g),
    playerCount: g.order.length,
    connectedCount: g.connectedCount,
  });
  setArray(s.counts.teamMembers, g.teamSizes);
}

function syncQuestion(s: GameState, g: GameModel): void {
  const q = currentQuestion(g);
  const open = g.current;
  if (!q || (g.phase !== 'question' && g.phase !== 'reveal')) return;
  const shown = open?.shown ?? g.history.at(-1)?.shown ?? [];
  const seq = open?.seq ?? g.history.at(-1)?.seq ?? 0;
  if (s.question.seq === seq) {
    set(s.question, { limitMs: open?.limitMs ?? s.question.limitMs });
    return;
  }
  const numeric = q.type === 'numeric' ? q : null;
  set(s.question, {
    seq,
    type: q.type,
    text: pick(q.text, g.lang),
    index: g.questionIndex,
    count: currentRound(g)?.questions.length ?? 0,
    limitMs: open?.limitMs ?? 0,
    min: numeric?.min ?? 0,
    max: numeric?.max ?? 0,
    step: numeric?.step ?? 1,
    unit: numeric?.unit ? pick(numeric.unit, g.lang) : '',
  });
  setArray(s.question.options, shownOptions(q, g.lang, shown));
}

/** Called once when a question closes: fills the reveal and the top players. */
export function syncReveal(s: GameState, g: GameModel, record: QuestionRecord): void {
  const q = currentQuestion(g);
  if (!q) return;
  set(s.reveal, {
    seq: record.seq,
    answer: q.type === 'numeric' ? q.answer : 0,
    tolerance: q.type === 'numeric' ? q.tolerance : 0,
    answered: record.answered,
    eligible: record.eligible,
    explanation: q.explanation ? pick(q.explanation, g.lang) : '',
    skipped: record.skipped,
  });
  setArray(s.reveal.correct, correctIndices(q, record.shown));
  setArray(s.reveal.distribution, shownCounts(q, record.distribution, record.shown).map((n) => Math.min(n, 65535)));
}

function syncTeams(s: GameState, g: GameModel): void {
  const standings = teamStandings(g);
  while (s.teams.length > standings.length) s.teams.pop();
  standings.forEach((row, i) => {
    let team = s.teams[i];
    if (!team) {
      team = new TeamState();
      s.teams.push(team);
    }
    set(team, { score: row.score, rank: row.rank });
  });
}

export function syncTop(s: GameState, g: GameModel, top = playerRanks(g).top): void {
  while (s.top.length > top.length) s.top.pop();
  top.forEach((p, i) => {
    let row = s.top[i];
    if (!row) {
      row = new TopPlayerState();
      s.top.push(row);
    }
    // (a nickname waiting for the teacher's approval reaches no shared screen: '' until accepted)
    set(row, { name: publicName(p), team: p.team, score: p.score });
  });
}

/** Mirrors the whole model into the state: after a room's creation, a restore, or a student's return. */
export function syncEverything(s: GameState, g: GameModel): void {
  syncState(s, g);
  syncTop(s, g);
  const last = g.history.at(-1);
  if (g.phase === 'reveal' && last) syncReveal(s, g, last);
  if (g.phase === 'scenario' || g.phase === 'scenario-report') {
    syncScenarioStart(s.scenario, g);
    syncScenarioLive(s.scenario, g);
    syncScenarioReports(s.scenario, g);
  }
}

