// The nickname filter against its own lists: every entry is refused with the evasions students
// use, generated here from the lists (no offensive word is written in this file), and ordinary
// names and words from many cultures pass.
import { describe, expect, it } from 'vitest';
import { compileNameFilter, foldLookalikes, screenName } from '../../../shared/rules/name-filter.ts';
import { loadNameFilter, readNameLists } from '../../../server/content/load-names.ts';

const filter = loadNameFilter();

/** Every entry of the lists: its text, whether it is a phrase, whether it matches inside words. */
const entries = readNameLists().flatMap((list) =>
  list.text
    .split('\n')
    .map((l) => l.replace(/#.*$/, '').trim())
    .filter(Boolean)
    .map((line) => ({ kind: list.kind, inside: line.startsWith('*'), text: line.replace(/\*/g, '') })),
);

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const LEET: Record<string, string> = { a: '4', e: '3', i: '1', o: '0', s: '5', t: '7' };
const ACCENT: Record<string, string> = { a: 'á', e: 'é', i: 'í', o: 'ó', u: 'ü', n: 'ñ' };
const CYRILLIC: Record<string, string> = { a: 'а', e: 'е', o: 'о', c: 'с', p: 'р', x: 'х' };
const swapAll = (s: string, map: Record<string, string>) => [...s].map((c) => map[c] ?? c).join('');
const spaced = (s: string, sep: string) => [...s.replace(/ /g, '')].join(sep);
const stretched = (s: string) => s.replace(/[aeiou]/, (v) => v.repeat(4));

/** The evasions of one entry a filter must still catch. */
function evasions(e: { text: string; inside: boolean }): string[] {
  const w = e.text;
  const phrase = w.includes(' ');
  const out = [w, w.toUpperCase(), w.split(' ').map(cap).join(' '), swapAll(w, LEET), swapAll(w, ACCENT), swapAll(w, CYRILLIC), stretched(w), `${w.replace(/ /g, '_')}`];
  if (!phrase) {
    out.push(spaced(w, ' '), spaced(w, '.'), spaced(w, '-'), `${w}69`, `Big${cap(w)}`, `xX${cap(w)}Xx`, `${cap(w)} Lopez`);
    if (w.length >= 4) out.push(w.slice(0, 1) + w.slice(1).replace(/[aeiou]/, '*'));
  } else {
    out.push(w.split(' ').map(cap).join(''), `${w} 2`);
  }
  if (e.inside) out.push(`zz${w.replace(/ /g, '')}zz`, `My${cap(w.replace(/ /g, ''))}Life`);
  return out;
}

/** Names and words that must pass: people from many cultures, places, and words that contain an entry. */
const ORDINARY = [
  'José', 'Nguyễn', 'Zoë', 'Đorđe', 'Aisha', 'Siobhán', 'Łukasz', '李雷', 'Oluwaseun', 'Chukwuemeka', 'Ngozi', 'Priya', 'Saoirse', 'Bjørn', 'Søren',
  'Åsa', 'Jürgen', 'Çağla', 'Iñaki', 'Begoña', 'Xōchitl', 'Ayşe', 'Аня', 'Ελένη', 'محمد', '田中', '김민준', 'Noa', 'Kofi', 'Hana', 'Mẫn', 'Ngọc Bích',
  'Phúc', 'Dung', 'Tuấn', 'Mộng Tuyền', 'Kim Ly', 'Mohammed', 'Nazir', 'Jihad', 'Kike', 'Concha', 'Paco', 'Pancho', 'Lola', 'Analía', 'Ana L.', 'Ana M. L.',
  'Cassandra', 'Dickens', 'Scunthorpe', 'Essex', 'Sussex', 'Middlesex', 'Sexton', 'Yoshitaka', 'Matsushita', 'Shiitake', 'Dikshit', 'Fukuda', 'Fukushima',
  'Vergara', 'Vergonzoso', 'Semenya', 'Penélope', 'Kono', 'Pollard', 'Cumberbatch', 'Cumbia', 'Hancock', 'Cockburn', 'Hitchcock', 'Assunta', 'Assisi',
  'Assad', 'As de Picas', 'Glasgow', 'Bass', 'Titus', 'Tito', 'Titicaca', 'Therapist', 'Grape', 'Scraper', 'Computadora', 'Diputado', 'Disputa',
  'Reputación', 'Stardust', 'Swanky', 'Wankhede', 'Badminton', 'Ghost', 'Hostal', 'Admiral', 'Modesto', 'Profeta', 'Kok', 'Pornchai', 'Arsenal',
  'Arsène', 'Fuchs', 'Fagan', 'Shakespeare', 'Circumference', 'Mishra', 'Kumar', 'Pushpa', 'Heilig', 'Spunky', 'Cookie', 'Negrón', 'Moro',
  'Coco', 'Pito Pérez', 'Señor Pato', 'Missy', 'Tutti Frutti', 'Homer', 'Analytics', 'Canal', 'Pescado', 'Putnam', 'Cabra', 'Pollo', 'Culebra', 'Perry',
  'Swift Otter', 'xXx_Slayer_xXx', 'Nutria Veloz', 'Dr Who', 'DJ Tito', 'Suzy Q', 'Rapido', 'Hoover', 'Tyson', 'Mongolia', 'Nigel', 'Niger', 'Nigeria', 'Spice',
  'Pakistan', 'Cocoa', 'Bitcoin', 'Kunta', 'Pendleton', 'Putin', 'Gaspar', 'Massimo', 'Passion', 'Clase 3B', 'Equipo 42', '007', 'R2D2', 'C-3PO',
];

describe('nickname lists', () => {
  it('are well formed and not empty', () => {
    const { problems, filter: f } = compileNameFilter(readNameLists());
    expect(problems).toEqual([]);
    expect(f.entries).toBeGreaterThan(300);
    expect(entries.filter((e) => e.kind === 'reserved').length).toBeGreaterThan(20);
  });

  it('report malformed lines with their place', () => {
    const { problems } = compileNameFilter([{ kind: 'offensive', source: 'x.txt', text: 'ok\nTwo  spaces\n*half\n# fine\n' }]);
    expect(problems.map((p) => p.line)).toEqual([2, 3]);
  });
});

describe('the nickname filter', () => {
  it('refuses every offensive entry, in es and en, with the usual evasions', () => {
    const missed: string[] = [];
    for (const e of entries.filter((x) => x.kind === 'offensive')) {
      for (const name of evasions(e)) {
        const r = screenName(filter, name);
        if (r.ok || r.kind !== 'offensive') missed.push(name);
      }
    }
    expect(missed).toEqual([]);
  });

  it('refuses names that pass for the teacher, with the same evasions', () => {
    const missed: string[] = [];
    for (const e of entries.filter((x) => x.kind === 'reserved')) {
      for (const name of evasions(e)) {
        const r = screenName(filter, name);
        if (r.ok) missed.push(name);
      }
    }
    expect(missed).toEqual([]);
    for (const name of ['Teacher', 'Profe', 'Profesor', 'Profesora Ana', 'El Profe', 'ElProfe', 'Host', 'Admin', 'T3ACHER', 'pr0fe', 'H.O.S.T', 'la seño', 'Miss Ana']) {
      expect(screenName(filter, name), name).toMatchObject({ ok: false, kind: 'reserved' });
    }
  });

  it('accepts ordinary names from many cultures and words that merely contain an entry', () => {
    const refused = ORDINARY.filter((n) => !screenName(filter, n).ok).map((n) => `${n}: ${JSON.stringify(screenName(filter, n))}`);
    expect(refused).toEqual([]);
  });

  it('compares repeated letters as runs: more letters match, fewer do not', () => {
    const { filter: f } = compileNameFilter([{ kind: 'offensive', source: 't', text: 'abba\n*zyx*\nqq rr' }]);
    expect(screenName(f, 'abbbbaaa').ok).toBe(false);
    expect(screenName(f, 'aba').ok).toBe(true);
    expect(screenName(f, 'Abba Lopez').ok).toBe(false);
    expect(screenName(f, 'xxzyxxx').ok).toBe(false);
    expect(screenName(f, 'QQ RR').ok).toBe(false);
    expect(screenName(f, 'QQ and RR').ok).toBe(true);
    expect(screenName(f, 'qqrr').ok).toBe(false);
  });
});

describe('folding look-alikes', () => {
  it.each([
    ['\u0410lice', 'alice'],
    ['\u0391\u039b\u0395\u039e', 'aλeξ'],
    ['Nguyễn', 'nguyen'],
    ['José', 'jose'],
    ['Đorđe', 'dorde'],
    ['İlkay', 'ilkay'],
    ['ガク', 'ガク'],
    ['राम', 'राम'],
  ])('%s reads as %s', (text, folded) => {
    expect(foldLookalikes(text)).toBe(folded);
    expect(foldLookalikes(folded)).toBe(folded);
  });
});
