// How the step's parts report events: one sink per step (steps are synchronous, so one sink
// serves every run), handed down as `emit`.
import type { SimEvent } from './types.ts';

export type Emit = (e: SimEvent) => void;
