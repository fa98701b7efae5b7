// Every suite's setup: a wait in a test ends as soon as what it waits for happens; its timeout
// only says when to give up. Vitest gives up after 1 s by default, which a busy CI machine (other
// jobs on the same two cores) overran while the awaited message was still on its way. Waits
// without a timeout of their own give up after WAIT_TIMEOUT_MS instead.
import { vi } from 'vitest';

const WAIT_TIMEOUT_MS = 20_000;

type Options = number | { timeout?: number; interval?: number } | undefined;
const withDefault = (options: Options) => (typeof options === 'number' ? { timeout: options } : { timeout: WAIT_TIMEOUT_MS, ...options });

const waitFor = vi.waitFor.bind(vi);
const waitUntil = vi.waitUntil.bind(vi);
vi.waitFor = ((callback: Parameters<typeof waitFor>[0], options?: Options) => waitFor(callback, withDefault(options))) as typeof vi.waitFor;
vi.waitUntil = ((callback: Parameters<typeof waitUntil>[0], options?: Options) => waitUntil(callback, withDefault(options))) as typeof vi.waitUntil;
