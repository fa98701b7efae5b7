// The examples in docs/sets.md must import as they are written.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importSetCsv, importSetJson } from '../../../server/content/sets-io.ts';

const md = readFileSync(new URL('../../../docs/sets.md', import.meta.url), 'utf8');

describe('docs/sets.md examples', () => {
  it('the CSV example has one valid question of each type', () => {
    const csv = /```csv\n([\s\S]*?)```/.exec(md)?.[1] ?? '';
    const r = importSetCsv(csv, { lang: 'es' });
    expect(r.ok ? r.set.questions.map((q) => q.type) : r.problems).toEqual(['single', 'multi', 'truefalse', 'order', 'numeric', 'poll']);
  });

  it('the JSON example is a valid set', () => {
    const json = /```json\n(\{\n {2}"title"[\s\S]*?)```/.exec(md)?.[1] ?? '';
    const r = importSetJson(json);
    expect(r.ok ? r.set.questions.length : r.problems).toBe(3);
  });
});
