// What rooms need from the process (configuration, content, logging), set once at start-up.
// Rooms are constructed by the matchmaker, so they reach these through here rather than options.
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import type { Store } from '../store/index.ts';
import type { GameCodes } from '../codes.ts';
import type { Presence } from '@colyseus/core';
import type { StorageHealth } from '../store/health.ts';
import type { NameFilter } from '../../shared/rules/name-filter.ts';

/** What rooms report for /metrics; the default records nothing. */
export interface RoomMetrics {
  messageIn(type: string): void;
  messageOut(type: string, count?: number): void;
  refused(type: string, code: string): void;
  joined(kind: 'host' | 'player', ms: number): void;
  reconnected(kind: 'host' | 'player'): void;
  tick(ms: number): void;
  scenarioTick(ms: number): void;
  /** How late a room's beat ran (ms past its period). */
  beatLag(ms: number): void;
  /** A room's beat threw. */
  beatFailed(): void;
}

export const NO_METRICS: RoomMetrics = {
  messageIn: () => undefined,
  messageOut: () => undefined,
  refused: () => undefined,
  joined: () => undefined,
  reconnected: () => undefined,
  tick: () => undefined,
  scenarioTick: () => undefined,
  beatLag: () => undefined,
  beatFailed: () => undefined,
};

export interface RoomServices {
  readonly config: Config;
  readonly log: Logger;
  readonly metrics: RoomMetrics;
  readonly store: Store;
  /** Join codes and the one-time creation grants a room redeems in onCreate. */
  readonly codes: GameCodes;
  /** The processes' shared presence (which room an attempt is played in: HomeworkRoom). */
  readonly presence: Presence;
  /** Whether the store takes writes; checkpoints report to it and hosts hear when it changes. */
  readonly storage: StorageHealth;
  /** The nickname word lists (assets/names), compiled once. */
  readonly names: NameFilter;
}

let services: RoomServices | undefined;

export function setRoomServices(s: RoomServices): void {
  services = s;
}

export function roomServices(): RoomServices {
  if (!services) throw new Error('Room services are not set: call setRoomServices() before defining rooms.');
  return services;
}
