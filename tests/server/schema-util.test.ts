// The room writes into synced state through these helpers; a decoder on the other side must see
// exactly the plain values after every patch, whatever changed (values, lengths, rows).
import { describe, expect, it } from 'vitest';
import { ArraySchema, Decoder, Encoder } from '@colyseus/schema';
import { setArray, setFields, setRows } from '../../server/rooms/schema-util.ts';
import { FeedItemState, OpsSummaryState } from '../../server/rooms/schema.ts';

function pair() {
  const state = new OpsSummaryState();
  state.health = new ArraySchema<number>();
  state.feed = new ArraySchema<FeedItemState>();
  const encoder = new Encoder(state);
  const decoder = new Decoder(new OpsSummaryState());
  decoder.decode(encoder.encodeAll());
  encoder.discardChanges();
  const patch = () => {
    const bytes = encoder.encode();
    encoder.discardChanges();
    decoder.decode(bytes);
    return bytes.length;
  };
  return { state, seen: decoder.state as OpsSummaryState, patch };
}

describe('schema write helpers', () => {
  it('setArray sends only changed elements and follows length changes', () => {
    const { state, seen, patch } = pair();
    for (const values of [[0, 0, 0, 0], [0, 2, 0, 1], [1, 1], [2, 0, 1, 2, 0], []]) {
      setArray(state.health, values);
      patch();
      expect([...seen.health]).toEqual(values);
    }
    setArray(state.health, [3, 1, 2]);
    const full = patch();
    setArray(state.health, [3, 1, 2]);
    expect(patch()).toBe(0);
    setArray(state.health, [3, 0, 2]);
    expect(patch()).toBeLessThan(full);
    expect([...seen.health]).toEqual([3, 0, 2]);
  });

  it('setFields writes only what differs, and nothing at all when nothing does', () => {
    const { state, seen, patch } = pair();
    setFields(state, { availability: 9990, p95: 120, budget: 80 });
    patch();
    expect([seen.availability, seen.p95, seen.budget]).toEqual([9990, 120, 80]);
    setFields(state, { availability: 9990, p95: 120, budget: 80 });
    expect(patch()).toBe(0);
    setFields(state, { p95: 340 });
    patch();
    expect([seen.availability, seen.p95, seen.budget]).toEqual([9990, 340, 80]);
  });

  it('setRows keeps schema rows in step with plain rows, in place', () => {
    const { state, seen, patch } = pair();
    const fill = (target: FeedItemState, f: { tick: number; kind: string; detail: string }) => setFields(target, f);
    const rows = (...ticks: number[]) => ticks.map((tick) => ({ tick, kind: 'incident', detail: `t${tick}` }));
    for (const r of [rows(1, 2), rows(1, 2, 3), rows(2, 3, 4), rows(4)]) {
      const before = state.feed[0];
      setRows(state.feed, r, () => new FeedItemState(), fill);
      if (before && r.length > 0) expect(state.feed[0]).toBe(before);
      patch();
      expect(seen.feed.map((f) => ({ tick: f.tick, kind: f.kind, detail: f.detail }))).toEqual(r);
    }
  });
});
