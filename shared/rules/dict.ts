// Collections keyed by ids or names that a message can carry. A plain object resolves
// "__proto__", "constructor" or "toString" to Object.prototype's members, so one crafted id
// could write through it into every object of the process. These dictionaries have no
// prototype (a key is only ever an own entry), stay JSON-serializable for checkpoints, and are
// read with own-property checks wherever the key comes from outside.

/** An empty dictionary without a prototype. */
export function dict<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** The entry for `key` if it is the dictionary's own, else undefined (never an inherited member). */
export function own<T>(d: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(d, key) ? d[key] : undefined;
}

/** A prototype-free copy of `d`'s own entries: rebuilds a dictionary that came back from JSON. */
export function toDict<T>(d: unknown): Record<string, T> {
  const out = dict<T>();
  if (d === null || typeof d !== 'object' || Array.isArray(d)) return out;
  for (const key of Object.keys(d)) out[key] = (d as Record<string, T>)[key] as T;
  return out;
}
