// `npm run content -- --stats`: the last line is the bank's counts as JSON; bad usage exits 2
// with the usage on stderr; a broken bank exits 1 naming the file and question.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../scripts/content.ts';
import { bankStats } from '../../shared/content/bank.ts';
import { loadBank } from '../../server/content/load-bank.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

function run(argv: string[], bankDir?: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }, bankDir);
  return { code, out, err };
}

describe('content --stats', () => {
  it('ends with a JSON line equal to the bank statistics (run as the real CLI)', () => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/content.ts', '--stats'], { cwd: root, encoding: 'utf8' });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    const lines = child.stdout.trim().split('\n');
    const last = JSON.parse(lines[lines.length - 1]!) as unknown;
    expect(last).toEqual(bankStats(loadBank()));
    expect(Object.keys(last as object)).toEqual(['total', 'byTopic', 'byType', 'byLanguage']);
    expect(lines.length).toBeGreaterThan(1);
  });

  it('prints human-readable counts before the JSON line', () => {
    const { code, out } = run(['--stats']);
    expect(code).toBe(0);
    const total = bankStats(loadBank()).total;
    expect(out[0]).toContain(`${total} questions`);
    expect(out.some((l) => /^\s+intro\s+\d+$/.test(l))).toBe(true);
  });
});

describe('content usage errors', () => {
  it.each([[['--stat']], [['--stats', '--extra']], [[]], [['stats']]])('%j → usage on stderr, exit 2', (argv) => {
    const { code, out, err } = run(argv);
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err.join('\n')).toMatch(/usage: npm run content -- /);
  });

  it('the real CLI exits 2 on an unknown flag', () => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/content.ts', '--nope'], { cwd: root, encoding: 'utf8' });
    expect(child.status).toBe(2);
    expect(child.stdout).toBe('');
    expect(child.stderr).toMatch(/usage:/);
  });
});

describe('content with a broken bank', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bank-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 1 and names the file, question and field', () => {
    writeFileSync(join(dir, 'intro.json'), JSON.stringify([{ id: 'intro-a', topic: 'intro', type: 'truefalse', answer: true, text: { es: 'a' } }]));
    writeFileSync(join(dir, 'protocols.json'), '[ not json');
    const { code, out, err } = run(['--stats'], dir);
    expect(code).toBe(1);
    expect(out).toEqual([]);
    const message = err.join('\n');
    expect(message).toContain('intro.json #0');
    expect(message).toMatch(/missing in "en"/);
    expect(message).toMatch(/intro\.json #0 explanation: is required/);
    expect(message).toMatch(/protocols\.json: not valid JSON/);
  });
});
