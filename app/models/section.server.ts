// A page section that survives a relation the warehouse does not have yet (a warehouse built by an earlier version):
// the section comes back empty and the page names what is missing, instead of the whole page failing.
import type { Params, Row, WarehouseReader } from "~/db.server";

export interface Missing {
  relations: string[];
  queries: string[];
}

/** Runs one page query; a relation the warehouse does not have yet empties that section and is reported (the
 *  relation in `missing.relations`, the query in `missing.queries`) instead of failing the whole page. */
export async function section<T>(db: WarehouseReader, name: string, params: Params, map: (r: Row) => T, missing: Missing): Promise<T[]> {
  return settle(name, db.query(name, params), map, missing);
}

/** `section` for a query already asked for: a page asks for its independent queries together (they run in parallel)
 *  and settles them one by one in the order it reports them, so `missing` lists them in the same order as before. */
export async function settle<T>(name: string, pending: Promise<Row[]>, map: (r: Row) => T, missing: Missing): Promise<T[]> {
  try {
    return (await pending).map(map);
  } catch (err) {
    const m = /Table with name (\w+) does not exist/.exec((err as Error).message ?? "");
    if (!m) throw err;
    if (!missing.relations.includes(m[1])) missing.relations.push(m[1]);
    missing.queries.push(name.replace(/^pages\//, ""));
    return [];
  }
}
