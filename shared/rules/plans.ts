// Game plans: the rounds a game runs, in order. Built-in plans ship here; a teacher's plan
// (issue 5) is the same shape. Quiz rounds name the topics they draw from.
import type { Localized } from '../i18n-types.ts';
import type { Topic } from '../content/topics.ts';

export interface QuizRoundSpec {
  readonly kind: 'quiz';
  readonly title: Localized;
  readonly topics: readonly Topic[];
  readonly count: number;
  /** Seconds per question; the question's own limit wins when it has one. */
  readonly timeLimitSec?: number;
}

export interface ScenarioRoundSpec {
  readonly kind: 'scenario';
  readonly title: Localized;
  /** A card id from shared/sim (SCENARIOS). */
  readonly scenarioId: string;
}

export type RoundSpec = QuizRoundSpec | ScenarioRoundSpec;

export interface PlanSpec {
  readonly id: string;
  readonly title: Localized;
  readonly rounds: readonly RoundSpec[];
}

export const BUILT_IN_PLANS: readonly PlanSpec[] = [
  {
    id: 'quick',
    title: { es: 'Quiz rápido: ¿qué es un sistema distribuido?', en: 'Quick quiz: what is a distributed system?' },
    rounds: [
      {
        kind: 'quiz',
        title: { es: 'Cliente–servidor, HTTP y las capas de protocolos', en: 'Client–server, HTTP and the protocol layers' },
        topics: ['intro', 'protocols'],
        count: 8,
      },
    ],
  },
  {
    id: 'intro',
    title: { es: 'Introducción a los sistemas distribuidos (30 min)', en: 'Intro to distributed systems (30 min)' },
    rounds: [
      {
        kind: 'quiz',
        title: { es: 'De cliente–servidor a distribuido', en: 'From client–server to distributed' },
        topics: ['intro', 'centralized', 'protocols'],
        count: 6,
      },
      {
        kind: 'scenario',
        title: { es: 'Noche de estreno: un pico de tráfico', en: 'Premiere night: a traffic spike' },
        scenarioId: 'premiere-spike',
      },
      {
        kind: 'quiz',
        title: { es: 'Fallos, escalabilidad y rendimiento', en: 'Failures, scalability and performance' },
        topics: ['failures', 'scalability', 'performance', 'fault-tolerance'],
        count: 6,
      },
      {
        kind: 'scenario',
        title: { es: 'Cae la base de datos principal', en: 'The primary database fails' },
        scenarioId: 'db-failover',
      },
      {
        kind: 'quiz',
        title: { es: 'Monitorización, pruebas y despliegue', en: 'Monitoring, testing and deployment' },
        topics: ['monitoring', 'testing', 'maintenance', 'deployment'],
        count: 6,
      },
      {
        kind: 'scenario',
        title: { es: 'Un despliegue defectuoso', en: 'A bad deploy' },
        scenarioId: 'bad-deploy',
      },
    ],
  },
  {
    id: 'ops-drill',
    title: { es: 'Simulacro de guardia (10 min)', en: 'On-call drill (10 min)' },
    rounds: [
      {
        kind: 'quiz',
        title: { es: 'Escalar y sobrevivir a un pico', en: 'Scaling through a spike' },
        topics: ['scalability', 'performance'],
        count: 4,
      },
      {
        kind: 'scenario',
        title: { es: 'Noche de estreno: un pico de tráfico', en: 'Premiere night: a traffic spike' },
        scenarioId: 'premiere-spike',
      },
    ],
  },
  {
    // A game day: the scenario rounds start calm (the game-day card schedules nothing) and the
    // teacher drives the incidents from the host page's Faults menu (shared/rules/faults.ts).
    id: 'game-day',
    title: { es: 'Game day: el profesor provoca los fallos (25 min)', en: 'Game day: the teacher breaks things (25 min)' },
    rounds: [
      {
        kind: 'quiz',
        title: { es: 'Fallos y tolerancia a fallos', en: 'Failures and fault tolerance' },
        topics: ['failures', 'fault-tolerance'],
        count: 5,
      },
      {
        kind: 'scenario',
        title: { es: 'Game day: primera guardia', en: 'Game day: first shift' },
        scenarioId: 'game-day',
      },
      {
        kind: 'quiz',
        title: { es: 'Monitorización y pruebas', en: 'Monitoring and testing' },
        topics: ['monitoring', 'testing'],
        count: 5,
      },
      {
        kind: 'scenario',
        title: { es: 'Game day: segunda guardia', en: 'Game day: second shift' },
        scenarioId: 'game-day',
      },
    ],
  },
];

export const DEFAULT_PLAN_ID = 'quick';

export function getPlan(id: string): PlanSpec | undefined {
  return BUILT_IN_PLANS.find((p) => p.id === id);
}
