// The simulation stands alone: pure, and independent of the game's content, rules and UI, so it
// can be reused and tested by itself (STYLE.md: shared/ imports no phaser/express/@colyseus/node:*).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..', 'shared', 'sim');
function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

describe('shared/sim', () => {
  const sources = files(root).map((f) => ({ file: relative(root, f), text: readFileSync(f, 'utf8') }));

  it('imports only its own files and zod', () => {
    const outside: string[] = [];
    for (const { file, text } of sources) {
      for (const m of text.matchAll(/from '([^']+)'/g)) {
        const spec = m[1]!;
        if (spec === 'zod') continue;
        const target = relative(root, join(root, file, '..', spec));
        if (spec.startsWith('.') && !target.startsWith('..')) continue;
        outside.push(`${file} → ${spec}`);
      }
    }
    expect(outside).toEqual([]);
  });

  it('uses no clock, no Math.random and no I/O', () => {
    for (const { file, text } of sources) expect(text, file).not.toMatch(/Math\.random|Date\.now|new Date|performance\.now|process\.|console\./);
  });
});
