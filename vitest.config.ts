import { defineConfig } from 'vitest/config';

// Four suites: pure shared code, server (real Colyseus rooms, HTTP, store), security (attacks on a
// real server process), real-browser end-to-end.
// Timeouts are when to give up, not how long things take: the suites must pass on a busy machine,
// so tests wait for events (see tests/helpers/setup-waits.ts) and give up late.
const setupFiles = ['tests/helpers/setup-waits.ts'];
// expect.poll gives up after 1 s by default, which a screen or a message on a busy machine overran.
const expect = { poll: { timeout: 30_000 } };
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['tests/shared/**/*.test.ts', 'tests/scripts/**/*.test.ts', 'tests/client/**/*.test.ts'], environment: 'node', setupFiles, expect, testTimeout: 60_000 } },
      { test: { name: 'server', include: ['tests/server/**/*.test.ts'], environment: 'node', setupFiles, expect, testTimeout: 90_000, hookTimeout: 60_000 } },
      // Attacks against a real server process (tests/security/harness.ts); each must fail.
      { test: { name: 'security', include: ['tests/security/**/*.test.ts'], exclude: ['tests/security/browser/**'], environment: 'node', setupFiles, expect, testTimeout: 90_000, hookTimeout: 60_000 } },
      // Real browsers, one file at a time (the security suite's browser checks among them).
      { test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts', 'tests/security/browser/**/*.test.ts'], environment: 'node', setupFiles, expect, testTimeout: 180_000, hookTimeout: 120_000, fileParallelism: false } },
    ],
  },
});
