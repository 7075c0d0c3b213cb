// Preloaded into the server by the soak (bench/soak.ts): node --expose-gc --import tsx --import <this file> …
// Every RELIABILITY_MEMORY_EVERY_MS (default 5000) it collects garbage (when --expose-gc is on, so the figure is what
// the server retains, not what it has yet to collect) and appends one JSON line to RELIABILITY_MEMORY_LOG:
// {"at": epoch ms, "t": ms since start, "rss", "heapUsed", "heapTotal", "external", "arrayBuffers"} (bytes). It changes
// nothing else.
import { appendFileSync } from "node:fs";

const log = process.env.RELIABILITY_MEMORY_LOG;
const every = Number(process.env.RELIABILITY_MEMORY_EVERY_MS ?? 5000);
const t0 = performance.now();

function sample(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
  const m = process.memoryUsage();
  appendFileSync(
    log!,
    JSON.stringify({
      at: Date.now(),
      t: Math.round(performance.now() - t0),
      rss: m.rss,
      heapUsed: m.heapUsed,
      heapTotal: m.heapTotal,
      external: m.external,
      arrayBuffers: m.arrayBuffers,
    }) + "\n",
  );
}

if (log) {
  const timer = setInterval(sample, every);
  timer.unref();
  process.on("SIGUSR2", sample);
}
