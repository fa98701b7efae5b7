// The worker that reads workbooks is bounded in time and memory: a workbook that gets past the
// bounds check but is still too heavy ends its worker, not the server, with a plain reason.
import { describe, expect, it } from 'vitest';
import { readWorkbookRows, XLSX_READER } from '../../server/content/xlsx-reader.ts';
import { checkWorkbookBounds, XLSX_TUNABLES } from '../../server/content/xlsx-bounds.ts';
import { workbook } from './xlsx-bombs.ts';

/** As many full rows of long text as the bounds allow: legal, and the heaviest honest-looking file. */
function heavy(): Buffer {
  const cols = Array.from({ length: XLSX_TUNABLES.maxColumns }, (_, c) => c);
  const name = (c: number) => (c < 26 ? String.fromCharCode(65 + c) : `A${String.fromCharCode(65 + c - 26)}`);
  const rows = Array.from({ length: 300 }, (_, r) => `<row r="${r + 1}">${cols.map((c) => `<c r="${name(c)}${r + 1}" t="inlineStr"><is><t>${'lorem ipsum '.repeat(20)}</t></is></c>`).join('')}</row>`);
  return workbook(rows.join(''));
}

describe('the workbook reader worker', () => {
  it('reads an honest workbook into text cells', async () => {
    const r = await readWorkbookRows(workbook('<row r="1"><c r="A1" t="inlineStr"><is><t>type</t></is></c><c r="B1"><v>42</v></c></row>'));
    expect(r).toEqual({ ok: true, rows: [['type', '42']] });
  });

  it('stops a read that takes longer than its time limit', async () => {
    const file = heavy();
    expect(checkWorkbookBounds(file)).toBeUndefined();
    const r = await readWorkbookRows(file, { ...XLSX_READER, timeoutMs: 1 });
    expect(r).toEqual({ ok: false, message: 'it takes too long to read (more than 0.001 s)' });
  });

  it('stops a read that needs more memory than its cap', async () => {
    const r = await readWorkbookRows(heavy(), { ...XLSX_READER, maxOldGenerationSizeMb: 4, maxYoungGenerationSizeMb: 1 });
    expect(r).toEqual({ ok: false, message: 'it needs too much memory to read' });
  });
});
