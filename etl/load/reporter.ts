// How a load tells the operator what it is doing: a progress bar per source on a terminal, one structured log line
// per file otherwise (CI, pipes). The implementations live in etl/progress.ts; loaders only see this interface.
export interface FileSummary {
  source: string;
  file: string;
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  ms: number;
}

export interface LoadReporter {
  /** A source starts; total rows if known (0 when unknown). */
  start(source: string, total: number): void;
  /** Progress within the current source (rows processed so far). */
  progress(source: string, done: number): void;
  /** One file finished: always reported, whatever the output is. */
  file(summary: FileSummary): void;
  /** A free-form line (a warning, a phase change). */
  info(message: string, fields?: Record<string, unknown>): void;
}

/** For tests and library callers that want silence. */
export const silentReporter: LoadReporter = {
  start() {},
  progress() {},
  file() {},
  info() {},
};
