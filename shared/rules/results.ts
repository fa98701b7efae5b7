// The results of a game as one plain document: standings, every answer with its question, and
// every scenario round with each team's report, action log, curves and events. Built from the
// GameModel (pure), stored with each checkpoint, served to the teacher's results page and CSVs.
import type { Lang } from '../i18n-types.ts';
import { pick } from '../i18n-types.ts';
import type { Question } from '../content/schema.ts';
import { isTopic, type Topic } from '../content/topics.ts';
import type { AnswerPayload, Phase } from '../protocol.ts';
import type { GameModel } from './game.ts';
import { playerRanks, teamStandings } from './game.ts';
import type { ScenarioTeamResult } from './scenario.ts';
import { getScenario } from '../sim/index.ts';
import { correctIndices, shownAnswer, shownCounts, shownOptions, shownOrIdentity } from './questions.ts';

/**
 * 2: options were shuffled; every index below is a shown position and `shown` maps it to the
 * written option. 1: options in written order (no `shown`: position = written index).
 */
export const RESULTS_VERSION = 2;

export interface QuestionResult {
  readonly seq: number;
  readonly round: number;
  readonly index: number;
  readonly questionId: string;
  readonly type: Question['type'];
  readonly topic: Topic | null;
  readonly text: string;
  /** Option texts in the order players saw them (ordering: the shown order). */
  readonly options: readonly string[];
  /** shown[position] = the written index (in the question or set) of the option at that position; [] for true/false and estimates. */
  readonly shown?: readonly number[];
  /** Choice types: the correct options' positions; ordering: shown positions in the right order; else []. */
  readonly correct: readonly number[];
  readonly numeric: { readonly answer: number; readonly tolerance: number; readonly unit: string } | null;
  /** Choice types: answers per position; ordering: per item in the right order, players who put it in its place; estimates: per tenth of the range. */
  readonly distribution: readonly number[];
  readonly answered: number;
  readonly eligible: number;
  readonly skipped: boolean;
  /** Each answer as its player gave it: positions in `options`. */
  readonly answers: readonly { readonly playerId: string; readonly answer: AnswerPayload; readonly elapsedMs: number; readonly credit: number; readonly points: number }[];
}

/** A team's scenario round as stored: the same record the round keeps when it ends. */
export type ScenarioTeamResultDoc = ScenarioTeamResult;

export interface ScenarioResult {
  readonly round: number;
  readonly cardId: string;
  readonly title: string;
  readonly topic: Topic | null;
  readonly seed: number;
  readonly durationTicks: number;
  readonly endedAtTick: number | null;
  readonly teams: readonly ScenarioTeamResultDoc[];
}

export interface GameResults {
  readonly version: number;
  readonly code: string;
  readonly lang: Lang;
  readonly planTitle: string;
  readonly phase: Phase;
  readonly teamCount: number;
  readonly teams: readonly { readonly team: number; readonly score: number; readonly rank: number; readonly members: number }[];
  readonly players: readonly { readonly id: string; readonly name: string; readonly team: number; readonly score: number; readonly rank: number }[];
  readonly questions: readonly QuestionResult[];
  readonly scenarios: readonly ScenarioResult[];
  /** Team names when they are not the catalog's: in a homework's results each attempt is a team, named after its student (homework.ts). */
  readonly teamNames?: readonly string[];
}

/** Results name true/false options in words, since no page is there to word them. */
function resultOptions(q: Question, lang: Lang, shown: readonly number[]): string[] {
  if (q.type === 'truefalse') return lang === 'es' ? ['Verdadero', 'Falso'] : ['True', 'False'];
  return shownOptions(q, lang, shown);
}

export function buildResults(g: GameModel): GameResults {
  const ranks = playerRanks(g, Number.MAX_SAFE_INTEGER);
  const questions = g.history.map((rec): QuestionResult => {
    const q = g.rounds[rec.round]?.questions[rec.index];
    return {
      seq: rec.seq,
      round: rec.round,
      index: rec.index,
      questionId: rec.questionId,
      type: rec.type,
      topic: q?.topic ?? null,
      text: q ? pick(q.text, g.lang) : rec.questionId,
      options: q ? resultOptions(q, g.lang, rec.shown) : [],
      shown: q ? [...shownOrIdentity(q, rec.shown)] : [],
      correct: q ? correctIndices(q, rec.shown) : [],
      numeric: q?.type === 'numeric' ? { answer: q.answer, tolerance: q.tolerance, unit: q.unit ? pick(q.unit, g.lang) : '' } : null,
      distribution: q ? shownCounts(q, rec.distribution, rec.shown) : rec.distribution,
      answered: rec.answered,
      eligible: rec.eligible,
      skipped: rec.skipped,
      answers: q ? rec.answers.map((a) => ({ ...a, answer: shownAnswer(q, a.answer, rec.shown) })) : rec.answers,
    };
  });
  const scenarios = g.scenarios.map((s): ScenarioResult => {
    const card = getScenario(s.cardId);
    return {
      round: s.round,
      cardId: s.cardId,
      title: card ? pick(card.title, g.lang) : s.cardId,
      topic: card && isTopic(card.topic) ? card.topic : null,
      seed: s.seed,
      durationTicks: s.durationTicks,
      endedAtTick: s.endedAtTick,
      teams: (s.results ?? []).map((r) => ({ team: r.team, credits: r.credits, points: r.points, rankBefore: r.rankBefore, rankAfter: r.rankAfter, report: r.report, log: r.log, history: r.history, events: r.events })),
    };
  });
  return {
    version: RESULTS_VERSION,
    code: g.code,
    lang: g.lang,
    planTitle: pick(g.planTitle, g.lang),
    phase: g.phase,
    teamCount: g.teamCount,
    teams: teamStandings(g).map((t) => ({ team: t.team, score: t.score, rank: t.rank, members: t.members })),
    players: g.order.flatMap((id) => {
      const p = g.players[id];
      return p ? [{ id, name: p.name, team: p.team, score: p.score, rank: ranks.rankOf(id) }] : [];
    }),
    questions,
    scenarios,
  };
}
