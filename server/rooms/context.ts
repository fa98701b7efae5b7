// What rooms need from the process (configuration, content, logging), set once at start-up.
// Rooms are constructed by the matchmaker, so they reach these through here rather than options.
import type { Question } from '../../shared/content/schema.ts';
import type { PlanSpec } from '../../shared/rules/plans.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';

export interface RoomServices {
  readonly config: Config;
  readonly log: Logger;
  /** The questions of each round of `plan`, picked deterministically from `seed`. */
  questionsFor(plan: PlanSpec, seed: number): Question[][];
}

let services: RoomServices | undefined;

export function setRoomServices(s: RoomServices): void {
  services = s;
}

export function roomServices(): RoomServices {
  if (!services) throw new Error('Room services are not set: call setRoomServices() before defining rooms.');
  return services;
}
