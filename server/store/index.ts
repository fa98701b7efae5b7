// The store's public surface: open it once per process and pass it around.
export * from './store.ts';
export { hashToken, newId, newToken, tokenMatchesHash } from './tokens.ts';
export { STORE_TUNABLES } from './constants.ts';
export type { AttemptLimits, AttemptListing, HomeworkStore, StartAttemptResult, StoredAssignment, StoredAttempt } from './homework.ts';
