// The loader answer of a page that still draws itself without a warehouse (资金, 合规, 数据): its view, or — when no
// warehouse has been built yet — a 503 whose `missing` says why, for the page to show in place of the view.
import { json } from "@remix-run/node";
import { WarehouseMissingError } from "~/db.server";

export async function viewOrMissing<T>(read: () => Promise<T>) {
  try {
    return json({ view: await read(), missing: null });
  } catch (err) {
    if (err instanceof WarehouseMissingError) return json({ view: null, missing: err.message }, { status: 503 });
    throw err;
  }
}
