// Hostile .xlsx workbooks, built in memory: a real workbook's parts (deflated, as spreadsheet
// programs write them) around a worksheet XML the attacker chooses.
import { crc32, deflateRawSync } from 'node:zlib';

const PARTS: [string, string][] = [
  ['[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'],
  ['_rels/.rels', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'],
  ['xl/workbook.xml', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Quiz" sheetId="1" r:id="rId1"/></sheets></workbook>'],
  ['xl/_rels/workbook.xml.rels', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'],
];

/** A zip whose entries are deflated; `lie` makes one entry's directory claim a smaller size than it inflates to. */
export function zipDeflated(entries: [string, Buffer][], lie?: { name: string; size: number }): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const nameBuf = Buffer.from(name, 'utf8');
    const packed = deflateRawSync(data, { level: 9 });
    const size = lie?.name === name ? lie.size : data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, packed);
    centrals.push(central, nameBuf);
    offset += 30 + nameBuf.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** A workbook around `sheetData` (the inside of <sheetData>) and an optional <dimension ref>. */
export function workbook(sheetData: string, opts: { dimension?: string; prefix?: string; extra?: [string, string][]; lie?: number } = {}): Buffer {
  const p = opts.prefix ? `${opts.prefix}:` : '';
  const ns = opts.prefix ? ` xmlns:${opts.prefix}="http://schemas.openxmlformats.org/spreadsheetml/2006/main"` : ' xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  const dim = opts.dimension ? `<${p}dimension ref="${opts.dimension}"/>` : '';
  const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><${p}worksheet${ns}>${dim}<${p}sheetData>${sheetData}</${p}sheetData></${p}worksheet>`;
  const texts: [string, string][] = [...PARTS, ...(opts.extra ?? []), ['xl/worksheets/sheet1.xml', sheet]];
  const parts = texts.map(([n, t]): [string, Buffer] => [n, Buffer.from(t, 'utf8')]);
  return zipDeflated(parts, opts.lie ? { name: 'xl/worksheets/sheet1.xml', size: opts.lie } : undefined);
}

const cell = (ref: string, text: string, p = '') => `<${p}c r="${ref}" t="inlineStr"><${p}is><${p}t>${text}</${p}t></${p}is></${p}c>`;

/** The attacks, each with what the refusal must name. */
export const BOMBS: { name: string; file: () => Buffer; says: RegExp }[] = [
  { name: 'one cell at XFD1048576', file: () => workbook(`<row r="1">${cell('A1', 'type')}</row><row r="1048576">${cell('XFD1048576', 'x')}</row>`, { dimension: 'A1:XFD1048576' }), says: /row 1048576/ },
  { name: 'one cell at A1048576', file: () => workbook(`<row r="1048576">${cell('A1048576', 'x')}</row>`), says: /row 1048576/ },
  { name: 'one cell at XFD1', file: () => workbook(`<row r="1">${cell('XFD1', 'x')}</row>`), says: /column XFD/ },
  { name: 'a declared dimension of the whole sheet', file: () => workbook(`<row r="1">${cell('A1', 'type')}</row>`, { dimension: 'A1:XFD1048576' }), says: /row 1048576/ },
  { name: 'a namespace prefix on every tag', file: () => workbook(`<x:row r="1048576">${cell('A1048576', 'x', 'x')}</x:row>`, { prefix: 'x' }), says: /row 1048576/ },
  { name: 'a million unnumbered rows', file: () => workbook('<row/>'.repeat(1_000_000)), says: /1000000 rows/ },
  { name: 'a merged range over the sheet', file: () => workbook(`<row r="1">${cell('A1', 'x')}</row></sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells><sheetData>`), says: /row 1048576/ },
  { name: 'XML entity expansion', file: () => workbook(`<row r="1">${cell('A1', '&lol9;')}</row>`, { extra: [['xl/sharedStrings.xml', `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol9 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><sst/>`]] }), says: /DTD/ },
  { name: 'a part that inflates beyond what the directory says', file: () => workbook(`<row r="1">${cell('A1', 'x'.repeat(2_000_000))}</row>`, { lie: 1000 }), says: /larger than it says/ },
];
