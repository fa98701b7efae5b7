import { describe, expect, it } from 'vitest';
import { LINE_HEIGHT, fitText, wrap, type Measure } from '../../client/src/view/fit.ts';
import { keepUnits } from '../../client/src/scenes/host/layout/text.ts';
import { tableMeasure } from '../helpers/measure.ts';

/** Every character 0.5 em wide: easy arithmetic. */
const mono: Measure = (text, size) => text.length * size * 0.5;

describe('wrap', () => {
  it('breaks at spaces, keeps explicit newlines and never breaks a no-break space', () => {
    expect(wrap('aaa bbb ccc', 30, 10, true, mono)).toEqual(['aaa', 'bbb', 'ccc']);
    expect(wrap('aaa bbb ccc', 40, 10, true, mono)).toEqual(['aaa bbb', 'ccc']);
    expect(wrap('aa\nbb', 100, 10, true, mono)).toEqual(['aa', 'bb']);
    expect(wrap('round 99.2\u00a0%', 50, 10, true, mono)).toEqual(['round', '99.2\u00a0%']);
  });
  it('splits a word wider than the line', () => {
    const lines = wrap('abcdefghij', 30, 10, true, mono);
    expect(lines).toEqual(['abcdef', 'ghij']);
    for (const l of lines) expect(mono(l, 10, true)).toBeLessThanOrEqual(30);
  });
});

describe('fitText', () => {
  it('keeps the preferred size when the text fits', () => {
    const f = fitText('hello world', { width: 1000, height: 100 }, { size: 40 }, mono);
    expect(f).toMatchObject({ size: 40, lines: ['hello world'], fits: true });
    expect(f.height).toBeCloseTo(40 * LINE_HEIGHT);
  });
  it('wraps before it scales, and scales before it cuts', () => {
    const wrapped = fitText('aaaa bbbb', { width: 100, height: 100 }, { size: 40, minSize: 20 }, mono);
    expect(wrapped).toMatchObject({ lines: ['aaaa', 'bbbb'] });
    expect(wrapped.size).toBeLessThanOrEqual(40);
    expect(wrapped.height).toBeLessThanOrEqual(100);
    const scaled = fitText('aaaa bbbb cccc dddd', { width: 100, height: 60 }, { size: 40, minSize: 10 }, mono);
    expect(scaled.fits).toBe(true);
    expect(scaled.size).toBeLessThan(40);
    expect(scaled.height).toBeLessThanOrEqual(60);
    for (const l of scaled.lines) expect(mono(l, scaled.size, true)).toBeLessThanOrEqual(100);
  });
  it('cuts with an ellipsis at minSize when nothing else works, and says so', () => {
    const f = fitText('one two three four five six seven', { width: 100, height: 50 }, { size: 20, minSize: 20 }, mono);
    expect(f.fits).toBe(false);
    expect(f.lines).toHaveLength(2);
    expect(f.lines.at(-1)!.endsWith('…')).toBe(true);
    for (const l of f.lines) expect(mono(l, 20, true)).toBeLessThanOrEqual(100);
  });
  it('respects maxLines', () => {
    const f = fitText('aa bb cc dd', { width: 60, height: 1000 }, { size: 20, minSize: 10, maxLines: 1 }, mono);
    expect(f.lines).toHaveLength(1);
    expect(f.fits).toBe(true);
    expect(f.size).toBeLessThan(20);
  });
  it('measures with the font table: wide letters take more room than narrow ones', () => {
    expect(tableMeasure('WWWW', 40, true)).toBeGreaterThan(tableMeasure('iiii', 40, true) * 2);
    expect(tableMeasure('abc', 40, true)).toBeGreaterThan(tableMeasure('abc', 40, false));
  });
});

describe('keepUnits', () => {
  it('glues numbers to their units so "99.2 %" and "12 s" never break', () => {
    expect(keepUnits('Now 99.2 % · 12 s ago · 2,889 ms')).toBe('Now 99.2\u00a0% · 12\u00a0s ago · 2,889\u00a0ms');
    expect(keepUnits('3 sockets, 10 sabios')).toBe('3 sockets, 10 sabios');
  });
});

describe('fitText keeps words whole', () => {
  it('scales down before it splits a word, and splits only when no size keeps it whole', () => {
    const whole = fitText('953\u00a0pts', { width: 40, height: 100 }, { size: 20, minSize: 8 }, mono);
    expect(whole.lines).toEqual(['953\u00a0pts']);
    expect(whole.size).toBeLessThan(20);
    const split = fitText('abcdefghijklmnop', { width: 40, height: 100 }, { size: 20, minSize: 8 }, mono);
    expect(split.fits).toBe(true);
    expect(split.lines.length).toBeGreaterThan(1);
  });
});
