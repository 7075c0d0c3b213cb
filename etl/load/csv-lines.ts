// Blank lines of a big CSV, for turning DuckDB's line numbers into our row numbers. DuckDB's CSV reader numbers the
// lines of its rejects counting blank lines (and the header), while the contract's row N is the N-th data record,
// blank lines not counted (docs/inbox.md 2.3). Only a bill with rejected lines needs this, so the scan runs only then,
// and it stays native (Buffer.indexOf) unless the file holds two line breaks in a row somewhere: only then does it
// walk the bytes, tracking quotes, since a blank line inside a quoted field is part of a value, not a blank line.
import { createReadStream } from "node:fs";

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

/** Whether the first `untilByte` bytes may hold a blank line: two line breaks in a row (LF LF, LF CR, CR CR). */
async function mayHaveBlankLine(fullPath: string, untilByte: number): Promise<boolean> {
  let tail: Buffer = Buffer.alloc(0);
  for await (const chunk of createReadStream(fullPath, { end: Math.min(Math.max(0, untilByte), Number.MAX_SAFE_INTEGER), highWaterMark: 1 << 20 })) {
    const buf = tail.length ? Buffer.concat([tail, chunk as Buffer]) : (chunk as Buffer);
    for (const pair of ["\n\n", "\n\r", "\r\r"]) if (buf.indexOf(pair) >= 0) return true;
    tail = buf.subarray(buf.length - 1);
  }
  return false;
}

/**
 * The DuckDB line numbers (1-based, a record with quoted line breaks is one line) of the blank lines after line
 * `afterLine` and up to line `untilLine`. Line breaks are LF, CRLF or a lone CR, as DuckDB reads them; `untilByte`
 * bounds the fast check (the byte where line `untilLine` starts, or beyond).
 */
export async function blankLines(
  fullPath: string,
  afterLine: number,
  untilLine: number,
  untilByte: number,
): Promise<number[]> {
  if (!(await mayHaveBlankLine(fullPath, untilByte))) return [];
  const blanks: number[] = [];
  let line = 1;
  let content = false; // the current line has a byte other than its line break
  let quoted = false;
  let afterCr = false; // the previous byte ended a line with CR: an LF now completes CRLF
  for await (const chunk of createReadStream(fullPath, { highWaterMark: 1 << 20 })) {
    const buf = chunk as Buffer;
    for (let i = 0; i < buf.length; i++) {
      const b = buf[i];
      if (quoted) {
        // A doubled quote inside a quoted field closes and reopens: the toggle keeps the state right.
        if (b === QUOTE) quoted = false;
        continue;
      }
      if (b === LF && afterCr) {
        afterCr = false;
        continue;
      }
      afterCr = false;
      if (b === LF || b === CR) {
        if (!content && line > afterLine) blanks.push(line);
        line++;
        if (line > untilLine) return blanks;
        content = false;
        afterCr = b === CR;
        continue;
      }
      content = true;
      if (b === QUOTE) quoted = true;
    }
  }
  return blanks;
}
