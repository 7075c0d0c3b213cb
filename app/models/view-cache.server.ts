// The warehouse never changes under a reader (the ETL swaps in a new file, with a new identity), so a page's data is
// a pure function of (warehouse identity, scope, filters): remember the most recent views; a swap makes the old ones
// unreachable and they age out. One cache for every model that uses it.
import { LRUCache } from "lru-cache";
import { rehearsing } from "~/rehearsal.server";

const viewCache = new LRUCache<string, { value: unknown }>({ max: 192 });

/** `view` names the kind of view (one per model), so two models with the same filters never share an entry. */
export async function cachedView<T>(view: string, identity: string, key: unknown, compute: () => Promise<T>): Promise<T> {
  // a warm-up's reading is not kept: no view is answered before someone asks for it (app/rehearsal.server.ts)
  if (rehearsing()) return compute();
  const k = `${view}|${identity}|${JSON.stringify(key)}`;
  const hit = viewCache.get(k);
  if (hit) return hit.value as T;
  const value = await compute();
  viewCache.set(k, { value });
  return value;
}
