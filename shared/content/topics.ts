// The topics of the talk "¿Qué son los sistemas distribuidos?", in the talk's order.
// Questions and scenario cards are tagged with one of these ids; the ids never change
// (stored sets and results refer to them), the labels live in the i18n catalogs (topic.<id>).
export const TOPICS = [
  'intro',           // what a distributed system is: client–server to Kubernetes, Netflix
  'centralized',     // moving from a centralized to a distributed architecture
  'protocols',       // architecture, communication layers and protocols, HTTP
  'failures',        // handling failures
  'scalability',     // scaling as the application grows
  'performance',     // performance degradation
  'monitoring',      // monitoring and observability
  'testing',         // testing and continuous integration
  'maintenance',     // continuous maintenance, Kubernetes, lower cost
  'fault-tolerance', // fault tolerance: redundancy, failover, retries, circuit breakers
  'deployment',      // deployment and continuous delivery
] as const;
export type Topic = (typeof TOPICS)[number];

export function isTopic(value: unknown): value is Topic {
  return typeof value === 'string' && (TOPICS as readonly string[]).includes(value);
}
