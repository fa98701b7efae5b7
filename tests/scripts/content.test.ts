// `npm run content`: --stats ends with the bank's counts as JSON; --lint holds the bank (and any
// set file given) to the answer-leak thresholds; --strategies shows that players who know nothing
// earn no more than 1.25× random guessing; bad usage exits 2 with the usage on stderr; a broken
// bank exits 1 naming the file and question. The real CLI runs as its own process, waited for as
// long as it takes (no short timeouts: a busy machine only makes it slower).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../scripts/content.ts';
import { bankStats } from '../../shared/content/bank.ts';
import { loadBank } from '../../server/content/load-bank.ts';
import { BUILT_IN_PLANS } from '../../shared/rules/plans.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

async function run(argv: string[], bankDir?: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }, bankDir);
  return { code, out, err };
}

const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/content.ts', ...args], { cwd: root, encoding: 'utf8' });
const lastJson = (stdout: string) => JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;

describe('content --stats', { timeout: 600_000 }, () => {
  it('ends with a JSON line equal to the bank statistics (run as the real CLI)', () => {
    const child = cli('--stats');
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    const lines = child.stdout.trim().split('\n');
    const last = JSON.parse(lines[lines.length - 1]!) as unknown;
    expect(last).toEqual(bankStats(loadBank()));
    expect(Object.keys(last as object)).toEqual(['total', 'byTopic', 'byType', 'byLanguage']);
    expect(lines.length).toBeGreaterThan(1);
  });

  it('prints human-readable counts before the JSON line', async () => {
    const { code, out } = await run(['--stats']);
    expect(code).toBe(0);
    const total = bankStats(loadBank()).total;
    expect(out[0]).toContain(`${total} questions`);
    expect(out.some((l) => /^\s+intro\s+\d+$/.test(l))).toBe(true);
  });
});

describe('content usage errors', { timeout: 600_000 }, () => {
  it.each([[['--stat']], [['--stats', '--extra']], [[]], [['stats']], [['--lint', '--fast']], [['--strategies', '--games']], [['--strategies', '--games', '0']]])('%j → usage on stderr, exit 2', async (argv) => {
    const { code, out, err } = await run(argv);
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err.join('\n')).toMatch(/usage: npm run content -- /);
  });

  it('the real CLI exits 2 on an unknown flag', () => {
    const child = cli('--nope');
    expect(child.status).toBe(2);
    expect(child.stdout).toBe('');
    expect(child.stderr).toMatch(/usage:/);
  });
});

describe('content with a broken bank', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bank-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 1 and names the file, question and field', async () => {
    writeFileSync(join(dir, 'intro.json'), JSON.stringify([{ id: 'intro-a', topic: 'intro', type: 'truefalse', answer: true, text: { es: 'a' } }]));
    writeFileSync(join(dir, 'protocols.json'), '[ not json');
    const { code, out, err } = await run(['--stats'], dir);
    expect(code).toBe(1);
    expect(out).toEqual([]);
    const message = err.join('\n');
    expect(message).toContain('intro.json #0');
    expect(message).toMatch(/missing in "en"/);
    expect(message).toMatch(/intro\.json #0 explanation: is required/);
    expect(message).toMatch(/protocols\.json: not valid JSON/);
  });
});

/** A set that leaks every way a lint check looks for: right option written first and longest, "true" always right, absolute words only in wrong options, an estimate answered at the slider's middle. */
function leakySet(): unknown {
  const single = (i: number) => ({
    id: `s${i}`,
    type: 'single',
    text: { en: `Which protocol number ${i} carries the web?` },
    options: [
      { text: { en: `The hypertext transfer protocol, version ${i}` }, correct: true },
      { text: { en: 'It always uses SMTP' }, correct: false },
      { text: { en: 'Never any' }, correct: false },
      { text: { en: 'Only FTP' }, correct: false },
    ],
  });
  const tf = (i: number) => ({ id: `t${i}`, type: 'truefalse', text: { en: `Replica set ${i} keeps serving when one member fails.` }, answer: true });
  return {
    title: 'Leaky',
    lang: 'en',
    questions: [
      ...Array.from({ length: 10 }, (_, i) => single(i)),
      ...Array.from({ length: 10 }, (_, i) => tf(i)),
      { id: 'n', type: 'numeric', text: { en: 'How many?' }, min: 0, max: 10, step: 1, answer: 5, tolerance: 0 },
    ],
  };
}

describe('content --lint', { timeout: 600_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'lint-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('holds the built-in bank to every threshold (run as the real CLI)', () => {
    const child = cli('--lint');
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    const doc = lastJson(child.stdout) as { ok: boolean; sources: { source: string; ok: boolean; checks: Record<string, { ok: boolean; judged: boolean }> }[] };
    expect(doc.ok).toBe(true);
    expect(doc.sources.map((s) => s.source)).toEqual(['Built-in bank']);
    const checks = doc.sources[0]!.checks;
    expect(Object.keys(checks)).toEqual(['position', 'multiPosition', 'trueFalse', 'trueFalseTopics', 'longest', 'absolute', 'midpoint', 'nearDuplicates', 'translations']);
    // the bank is large enough for every share to be judged, not waved through
    for (const [id, c] of Object.entries(checks)) expect(c, id).toEqual(expect.objectContaining({ ok: true, judged: true }));
    for (const id of Object.keys(checks)) expect(child.stdout).toMatch(new RegExp(`✓ ${id}\\b`));
  });

  it('lints each set file given, exits 1 when one leaks and names what leaks', async () => {
    const leaky = join(dir, 'leaky.json');
    writeFileSync(leaky, JSON.stringify(leakySet()));
    const example = join(root, 'assets', 'content', 'templates', 'example-set.json');
    const csv = join(dir, 'mine.csv');
    writeFileSync(csv, 'type,question,correct,option1,option2\ntruefalse,Two replicas survive one crash.,true,,\nsingle,Which port is HTTPS?,1,443,80\n');
    const { code, out, err } = await run(['--lint', example, leaky, csv]);
    expect(err).toEqual([]);
    expect(code).toBe(1);
    const doc = lastJson(out.join('\n')) as { ok: boolean; sources: { source: string; ok: boolean; checks: Record<string, { ok: boolean; judged: boolean }> }[] };
    expect(doc.ok).toBe(false);
    expect(doc.sources.map((s) => s.ok)).toEqual([true, true, false, true]);
    const failing = Object.entries(doc.sources[2]!.checks).filter(([, c]) => !c.ok).map(([id]) => id);
    expect(failing).toEqual(['position', 'trueFalse', 'trueFalseTopics', 'longest', 'absolute', 'midpoint', 'nearDuplicates']);
    expect(out.join('\n')).toMatch(/✗ midpoint .*1 of 1[\s\S]*why: estimates[\s\S]*\n\s+n\n/);
    // a small set's shares are shown but not judged
    expect(doc.sources[3]!.checks.trueFalse).toEqual(expect.objectContaining({ ok: true, judged: false }));
  });

  it('refuses a file that is not a question set, naming its problems', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"title": "x", "questions": []}');
    const { code, err } = await run(['--lint', bad, join(dir, 'missing.csv')]);
    expect(code).toBe(1);
    expect(err.join('\n')).toMatch(/bad\.json: not a valid question set:\n {2}row 0, questions: /);
    expect(err.join('\n')).toMatch(/missing\.csv: cannot be read \(ENOENT\)/);
  });
});

describe('content --strategies', { timeout: 600_000 }, () => {
  it('players who know nothing earn at most 1.25× what random guessing earns over whole games of every built-in plan', () => {
    const child = cli('--strategies');
    expect(child.stderr).toBe('');
    const doc = lastJson(child.stdout) as { games: number; questions: number; maxRatio: number; ok: boolean; strategies: Record<string, { points: number; ratio: number }> };
    expect(doc.maxRatio).toBe(1.25);
    expect(doc.games).toBe(200 * BUILT_IN_PLANS.length);
    expect(doc.questions).toBeGreaterThan(3000);
    expect(doc.strategies.random!.points).toBeGreaterThan(500);
    expect(Object.keys(doc.strategies)).toEqual(['random', 'first', 'longest', 'true', 'sliderMiddle', 'allButLast', 'pattern']);
    for (const [id, s] of Object.entries(doc.strategies)) expect(s.ratio, id).toBeLessThanOrEqual(doc.maxRatio);
    expect(doc.ok).toBe(true);
    expect(child.status).toBe(0);
  });
});
