// A rehearsal: work done only to get the process ready — V8's compiled code, the open warehouse, DuckDB's buffers —
// never to answer a request in advance. Inside one, page queries run without being remembered (app/db.server.ts) and
// page views are computed without being kept (app/models/view-cache.server.ts), and charts are drawn without being
// kept (app/charts/echarts.ts), so the first request for any view still reads and draws it itself
// (docs/decisions/008-first-render.md).
import { AsyncLocalStorage } from "node:async_hooks";
import { checkRehearsalWith } from "./charts/echarts";

const rehearsal = new AsyncLocalStorage<true>();
checkRehearsalWith(() => rehearsal.getStore() === true);

/** Runs `fn` as a rehearsal: whatever it reads is read for real and then forgotten. */
export function rehearse<T>(fn: () => Promise<T>): Promise<T> {
  return rehearsal.run(true, fn);
}

/** Whether the current call is part of a rehearsal. */
export function rehearsing(): boolean {
  return rehearsal.getStore() === true;
}
