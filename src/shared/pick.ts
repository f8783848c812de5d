/**
 * The named fields of an object, and nothing else: how data is copied where a bigger object (a stored
 * record with key material, a message with extra members) must pass on only what a type names.
 * `keys` is a record so the compiler checks that every field of the type is listed.
 */
export function pick<T extends object, K extends keyof T>(
  from: T,
  keys: Readonly<Record<K, true>>,
): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const key of Object.keys(keys) as K[]) out[key] = from[key];
  return out;
}
