// Entry of a bench child process: `node --import tsx bench/child-entry.ts RESULT_FILE MODULE FN ARGS_JSON`.
// See bench/child.ts.
import { childMain } from "./child.js";

await childMain();
