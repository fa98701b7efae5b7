// Queueing formulas the engine uses: Erlang C for M/M/c waiting (Harchol-Balter,
// "Performance Modeling and Design of Computer Systems", ch. 14), computed through the
// Erlang B recursion, which is stable and O(c).

/**
 * Probability that an arrival waits in an M/M/c queue with offered load a = λ/μ (< c).
 * Erlang B by recursion B(k) = a·B(k−1) / (k + a·B(k−1)), then C = B / (1 − ρ(1 − B)).
 */
export function erlangC(c: number, a: number): number {
  if (a <= 0) return 0;
  if (a >= c) return 1;
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  const rho = a / c;
  return b / (1 - rho * (1 - b));
}
