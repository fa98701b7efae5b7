// Writing into synced schema objects: assign only what changed (an unchanged assignment would
// still cost a patch entry), replace primitive arrays only when they differ, keep rows of schema
// objects in step with plain rows, updating them in place.
import type { ArraySchema } from '@colyseus/schema';

export function setFields<T extends object>(target: T, values: Partial<T>): void {
  const t = target as Record<string, unknown>;
  for (const [k, v] of Object.entries(values)) if (t[k] !== v) t[k] = v;
}

export function setArray<T>(arr: ArraySchema<T>, values: readonly T[]): void {
  if (arr.length === values.length && values.every((v, i) => arr[i] === v)) return;
  arr.clear();
  arr.push(...values);
}

export function setRows<S extends object, R>(arr: ArraySchema<S>, rows: readonly R[], make: () => S, fill: (target: S, row: R) => void): void {
  while (arr.length > rows.length) arr.pop();
  rows.forEach((row, i) => {
    let target = arr[i];
    if (!target) {
      target = make();
      arr.push(target);
    }
    fill(target, row);
  });
}
