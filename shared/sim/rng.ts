// sfc32 (Chris Doty-Humphrey's Small Fast Counter, PractRand-clean) on four 32-bit words
// kept in the run, so a checkpointed run continues with exactly the same numbers.

export type RngState = [number, number, number, number];

/** Seeds the four words from a 32-bit integer via splitmix32, then discards 12 outputs. */
export function seedRng(seed: number): RngState {
  let s = seed >>> 0;
  const next = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  const state: RngState = [next(), next(), next(), 1];
  for (let i = 0; i < 12; i++) nextUint32(state);
  return state;
}

export function nextUint32(st: RngState): number {
  const a = st[0], b = st[1], c = st[2], d = st[3];
  const t = (((a + b) | 0) + d) | 0;
  st[3] = (d + 1) | 0;
  st[0] = b ^ (b >>> 9);
  st[1] = (c + (c << 3)) | 0;
  st[2] = ((c << 21) | (c >>> 11)) + t | 0;
  return t >>> 0;
}

/** Uniform in [0, 1). */
export function nextFloat(st: RngState): number {
  return nextUint32(st) / 4294967296;
}

/** Standard normal (Box–Muller, one of the pair). */
export function nextNormal(st: RngState): number {
  const u = 1 - nextFloat(st); // (0, 1]
  const v = nextFloat(st);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
