// The server's limits count per client address in fixed one-minute windows (server/http/rate-limit.ts,
// server/http/join-limits.ts): a test that counts up to a limit must not straddle a window's end.

/** The current window's number, as the server counts it. */
export const minute = (): number => Math.floor(Date.now() / 60_000);

let nextAddress = 100;

/**
 * Runs `attempt` from a client address of its own (the server must trust X-Forwarded-For from the
 * test, as the default TRUST_PROXY does from loopback) inside one window. A window that ends midway
 * restarts the count, so then it runs again, from a fresh address, in the new window: an attempt
 * takes seconds, a window a minute.
 */
export async function inOneWindow<T>(attempt: (address: string) => Promise<T>): Promise<T> {
  for (let tries = 1; ; tries++) {
    const start = minute();
    const result = await attempt(`203.0.113.${nextAddress++}`);
    if (minute() === start || tries === 3) return result;
  }
}
