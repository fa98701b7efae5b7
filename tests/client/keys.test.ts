import { describe, expect, it } from 'vitest';
import { keyCommand } from '../../client/src/host/keys.ts';

describe('presenter keys on the teacher page', () => {
  it.each([
    ['PageDown', 'page', { kind: 'next' }],
    ['ArrowRight', 'page', { kind: 'next' }],
    ['PageDown', 'control', { kind: 'next' }],
    [' ', 'page', { kind: 'next' }],
    ['b', 'page', { kind: 'pause' }],
    ['B', 'control', { kind: 'pause' }],
    ['.', 'page', { kind: 'pause' }],
    ['3', 'page', { kind: 'focus', team: 2 }],
    ['0', 'page', { kind: 'focus', team: null }],
    ['Escape', 'field', { kind: 'escape' }],
  ] as const)('%s on the %s does %o', (key, target, expected) => {
    expect(keyCommand({ key, target })).toEqual(expected);
  });
  it('leaves Space to a focused control and every key to a form field', () => {
    expect(keyCommand({ key: ' ', target: 'control' })).toBeNull();
    for (const key of ['PageDown', ' ', 'b', '.', '3']) expect(keyCommand({ key, target: 'field' })).toBeNull();
  });
  it('ignores keys with modifiers and keys it does not know', () => {
    expect(keyCommand({ key: 'b', ctrlKey: true, target: 'page' })).toBeNull();
    expect(keyCommand({ key: 'ArrowRight', altKey: true, target: 'page' })).toBeNull();
    expect(keyCommand({ key: '9', target: 'page' })).toBeNull();
    expect(keyCommand({ key: 'PageUp', target: 'page' })).toBeNull();
  });
});
