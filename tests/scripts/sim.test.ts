// The sim command line, spawned as a teacher would run it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const sim = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/sim.ts', ...args], { cwd: root, encoding: 'utf8' });
const dir = mkdtempSync(join(tmpdir(), 'sim-cli-'));

// Each case spawns the CLI (a fresh tsx process): no short timeout, so a busy machine only makes it slower.
describe('npm run sim', { timeout: 600_000 }, () => {
  it('--list prints every card with a recommended script that --actions accepts, and it beats doing nothing', () => {
    const r = sim('--list');
    expect(r.status).toBe(0);
    const cards = JSON.parse(r.stdout) as { id: string; title: { es: string; en: string }; topic: string; concept: object; durationTicks: number; ticksPerSecond: number; recommended: unknown[]; harmful: unknown[] }[];
    expect(cards.length).toBeGreaterThanOrEqual(12);
    for (const c of cards) {
      expect(c.title.es && c.title.en && c.topic && c.concept).toBeTruthy();
      expect(c.ticksPerSecond).toBeGreaterThan(0);
      expect(c.harmful.length).toBeGreaterThan(0);
    }
    const card = cards.find((c) => c.id === 'bad-deploy')!;
    const file = join(dir, 'rec.json');
    writeFileSync(file, JSON.stringify(card.recommended));
    const rec = sim('--scenario', 'bad-deploy', '--seed', '4', '--actions', file, '--json');
    const none = sim('--scenario', 'bad-deploy', '--seed', '4', '--json');
    expect(rec.status).toBe(0);
    expect(rec.stderr).toBe('');
    const a = JSON.parse(rec.stdout), b = JSON.parse(none.stdout);
    expect(a.score).toBeGreaterThan(b.score);
    for (const k of ['availability', 'p95LatencyMs', 'cost', 'score']) expect(typeof a[k]).toBe('number');
    expect(a.requests.arrived).toBe(a.requests.served + a.requests.failed + a.requests.shed + a.requests.queued);
  });

  it('--audit --json plays every card and says whether each keeps the rules (exit 0 when all do)', () => {
    const r = sim('--audit', '--json');
    expect(r.stderr).toBe('');
    const result = JSON.parse(r.stdout) as { ok: boolean; ticksPerSecond: number; seeds: number[]; rows: { card: string; scores: Record<string, number[]>; problems: string[] }[] };
    expect(r.status).toBe(result.ok ? 0 : 1);
    expect(result.seeds).toEqual([1, 2, 3, 4, 5]);
    expect(result.rows.length).toBeGreaterThanOrEqual(12);
    for (const row of result.rows) {
      for (const s of ['nothing', 'recommended', 'late10', 'late20', 'harmful', 'everything', 'panic', 'restarts', 'maxScale']) expect(row.scores[s]).toHaveLength(5);
    }
    const text = sim('--audit');
    expect(text.stdout).toMatch(/card +nothing +recommended/);
  });

  it('prints a readable report by default, identical for the same seed', () => {
    const a = sim('--scenario', 'db-failover', '--seed', '7');
    expect(a.status).toBe(0);
    expect(a.stdout).toMatch(/availability/);
    expect(a.stdout).toMatch(/db-primary-failure/);
    expect(sim('--scenario', 'db-failover', '--seed', '7').stdout).toBe(a.stdout);
  });

  it.each([
    [[], /--scenario is required/],
    [['--scenario', 'nope', '--seed', '1'], /unknown scenario "nope"/],
    [['--scenario', 'bad-deploy'], /--seed is required/],
    [['--scenario', 'bad-deploy', '--seed', 'x'], /whole number/],
    [['--frobnicate'], /unknown argument/],
    [['--scenario', 'bad-deploy', '--seed', '1', '--actions', '/no/such/file.json'], /cannot read/],
  ])('%j → clear message, non-zero exit', (args, message) => {
    const r = sim(...args);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it.each([
    ['not json', '{', /not valid JSON/],
    ['wrong shape', '{"tick":1}', /not a valid action list/],
    ['unknown action', '[{"tick":1,"action":{"type":"explode"}}]', /action\.type/],
    ['out of range', '[{"tick":1,"action":{"type":"scale","zone":"a","count":50}}]', /between 0 and 10/],
    ['out of order', '[{"tick":9,"action":{"type":"diagnose"}},{"tick":1,"action":{"type":"diagnose"}}]', /tick order/],
  ])('a bad action file (%s) is refused', (_name, text, message) => {
    const file = join(dir, `bad-${_name.replace(/ /g, '-')}.json`);
    writeFileSync(file, text);
    const r = sim('--scenario', 'bad-deploy', '--seed', '1', '--actions', file);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
