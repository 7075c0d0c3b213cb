// Progress for people and for machines: a bar per source on a terminal; one JSON line per file (and per mart)
// when output goes to a pipe or CI, so logs can be grepped and timed.
import cliProgress from "cli-progress";
import type { FileSummary, LoadReporter } from "./load/reporter.js";

export function jsonLineReporter(write: (line: string) => void = (l) => process.stdout.write(l + "\n")): LoadReporter {
  return {
    start() {},
    progress() {},
    file(s: FileSummary) {
      write(JSON.stringify({ event: "file", ...s, ms: Math.round(s.ms) }));
    },
    info(message, fields) {
      write(JSON.stringify({ event: "info", message, ...fields }));
    },
  };
}

export function terminalReporter(): LoadReporter & { stop(): void } {
  const multi = new cliProgress.MultiBar(
    {
      format: " {source} |{bar}| {value}/{total} 行 {note}",
      hideCursor: true,
      clearOnComplete: false,
      stopOnComplete: false,
      stream: process.stderr,
    },
    cliProgress.Presets.shades_classic,
  );
  const bars = new Map<string, cliProgress.SingleBar>();
  const bar = (source: string, total: number): cliProgress.SingleBar => {
    let b = bars.get(source);
    if (!b) {
      b = multi.create(Math.max(total, 1), 0, { source: source.padEnd(16), note: "" });
      bars.set(source, b);
    }
    return b;
  };
  return {
    stop() {
      multi.stop();
    },
    start(source, total) {
      bar(source, total).setTotal(Math.max(total, 1));
    },
    progress(source, done) {
      const b = bar(source, 0);
      if (done > b.getTotal()) b.setTotal(done);
      b.update(done);
    },
    file(s) {
      const b = bar(s.source, s.rowsRead);
      if (s.rowsRead > b.getTotal()) b.setTotal(s.rowsRead);
      b.update(b.getTotal(), {
        note: `入库 ${s.rowsLoaded}，被拒 ${s.rowsRejected}（${s.file}）`,
      });
    },
    info(message) {
      multi.log(message + "\n");
    },
  };
}

export function defaultReporter(): LoadReporter & { stop(): void } {
  if (process.stderr.isTTY && !process.env.CI) {
    return terminalReporter();
  }
  return { ...jsonLineReporter(), stop() {} };
}
