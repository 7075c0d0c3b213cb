// The warehouse never changes under a reader (the ETL swaps in a new file, with a new identity), so a page's data is
// a pure function of (warehouse identity, scope, filters): remember the most recent views; a swap makes the old ones
// unreachable and they age out. One cache for every model that uses it.
const VIEW_CACHE_MAX = 192;
const viewCache = new Map<string, unknown>();

/** `view` names the kind of view (one per model), so two models with the same filters never share an entry. */
export async function cachedView<T>(view: string, identity: string, key: unknown, compute: () => Promise<T>): Promise<T> {
  const k = `${view}|${identity}|${JSON.stringify(key)}`;
  if (viewCache.has(k)) {
    const hit = viewCache.get(k) as T;
    viewCache.delete(k); // most recently used last
    viewCache.set(k, hit);
    return hit;
  }
  const value = await compute();
  viewCache.set(k, value);
  if (viewCache.size > VIEW_CACHE_MAX) viewCache.delete(viewCache.keys().next().value as string);
  return value;
}
