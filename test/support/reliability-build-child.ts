// A warehouse build in a child process, to be killed (test/reliability/crash-safety.test.ts) or to swap warehouses
// under a running server (serving-during-loads.test.ts). It runs the very buildWarehouse that `npm run etl` runs
// (etl/cli/etl.ts is this plus argument parsing and a terminal reporter) and narrates it on stdout, one JSON line per
// event, so the parent can aim its kill -9 at a phase:
//   {"e":"ready"}                       modules loaded; waiting for "go" on stdin (the parent pre-starts children)
//   {"e":"go"}                          buildWarehouse called
//   {"e":"file","n":k,"file":…}          k-th source file loaded
//   {"e":"mart","n":j,"file":…}          j-th mart script done
//   {"e":"before-swap"}                 the new file is complete, checkpointed, closed and fsynced; rename next
//                                       (after --swap-pause-ms, so a kill can land on either side of the rename)
//   {"e":"done","ms":…}                 renamed over the live warehouse
// Run as: node --import tsx test/support/reliability-build-child.ts --inbox DIR --db FILE --as-of DATE
//         [--swap-pause-ms N] [--no-wait]
// (never through the tsx CLI: that wraps the real process in a second one, and SIGKILL would reach only the wrapper.)
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { buildWarehouse } from "../../etl/warehouse/build.js";

const { values } = parseArgs({
  options: {
    inbox: { type: "string" },
    db: { type: "string" },
    "as-of": { type: "string" },
    "swap-pause-ms": { type: "string", default: "0" },
    "no-wait": { type: "boolean", default: false },
  },
});

function say(event: Record<string, unknown>): void {
  // stdout to a pipe is synchronous on Linux: the line is out before the build goes on.
  process.stdout.write(JSON.stringify(event) + "\n");
}

async function waitForGo(): Promise<void> {
  const rl = createInterface({ input: process.stdin });
  for await (const line of rl) {
    if (line.trim() === "go") break;
  }
  rl.close();
}

say({ e: "ready", pid: process.pid });
if (!values["no-wait"]) await waitForGo();
const pause = Number(values["swap-pause-ms"]);
const t0 = performance.now();
let files = 0;
let marts = 0;
say({ e: "go" });
try {
  await buildWarehouse({
    inbox: values.inbox!,
    db: values.db!,
    asOf: values["as-of"]!,
    reporter: {
      start() {},
      progress() {},
      file(s) {
        say({ e: "file", n: ++files, file: s.file });
      },
      info(message, fields) {
        if (message.startsWith("mart ")) say({ e: "mart", n: ++marts, file: message.slice(5), ms: fields?.ms });
      },
    },
    beforeSwap: async () => {
      say({ e: "before-swap" });
      if (pause > 0) await new Promise((r) => setTimeout(r, pause));
    },
  });
  say({ e: "done", ms: Math.round(performance.now() - t0), files, marts });
  process.exit(0);
} catch (err) {
  say({ e: "error", message: (err as Error).message });
  process.exit(1);
}
