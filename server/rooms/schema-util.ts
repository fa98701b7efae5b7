// Writing into synced schema objects: assign only what changed (an unchanged assignment would
// still cost a patch entry), update primitive arrays element by element, keep rows of schema
// objects in step with plain rows, updating them in place. These run for every synced team
// several times a second, so they avoid allocating (no Object.entries, no spread).
import type { ArraySchema } from '@colyseus/schema';

export function setFields<T extends object>(target: T, values: Partial<T>): void {
  const t = target as Record<string, unknown>;
  const v = values as Record<string, unknown>;
  for (const k in v) if (t[k] !== v[k]) t[k] = v[k];
}

export function setArray<T>(arr: ArraySchema<T>, values: readonly T[]): void {
  while (arr.length > values.length) arr.pop();
  for (let i = 0; i < values.length; i++) {
    if (i >= arr.length) arr.push(values[i]!);
    else if (arr[i] !== values[i]) arr[i] = values[i]!;
  }
}

export function setRows<S extends object, R>(arr: ArraySchema<S>, rows: readonly R[], make: () => S, fill: (target: S, row: R) => void): void {
  while (arr.length > rows.length) arr.pop();
  for (let i = 0; i < rows.length; i++) {
    let target = arr[i];
    if (!target) {
      target = make();
      arr.push(target);
    }
    fill(target, rows[i]!);
  }
}
