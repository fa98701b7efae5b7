// Builders for test cards: steady traffic without noise or events unless asked.
import type { ScenarioCard, TimelineEntry } from '../../../shared/sim/index.ts';

export function steadyCard(over: { baseRps?: number; zoneA?: number; zoneB?: number; noise?: number; timeline?: TimelineEntry[]; durationTicks?: number; maxRetries?: number; replicas?: number } = {}): ScenarioCard {
  return {
    id: 'test-steady',
    topic: 'performance',
    title: { es: 'prueba', en: 'test' },
    description: { es: 'prueba', en: 'test' },
    concept: { es: 'prueba', en: 'test' },
    durationTicks: over.durationTicks ?? 300,
    traffic: { baseRps: over.baseRps ?? 800, curve: [[0, 1]], staticShare: 0.4, writeShare: 0.1, paymentShare: 0.05, noise: over.noise ?? 0 },
    setup: { zoneA: over.zoneA ?? 3, zoneB: over.zoneB ?? 3, cdn: true, replicas: over.replicas ?? 1, selfHealing: true, maxRetries: over.maxRetries ?? 2 },
    timeline: over.timeline ?? [],
    recommended: [],
    harmful: [],
  };
}
