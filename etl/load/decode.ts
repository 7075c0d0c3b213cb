// Encoding detection for the inbox's text files. Chinese office software saves CSV as UTF-8 (with or without a BOM)
// or as GBK; GB18030 is a superset of GBK, so one fallback decoder covers both. A strict UTF-8 decode decides: GBK
// text of any length is almost never valid UTF-8, while UTF-8 text is always valid.
import { createReadStream, createWriteStream } from "node:fs";
import { open } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import iconv from "iconv-lite";
import { InboxError } from "./inbox-error.js";

export type TextEncoding = "utf-8" | "utf-8-bom" | "gb18030";

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && UTF8_BOM.every((b, i) => bytes[i] === b);
}

/** Refuses what no decoder of ours can read, with the reason an operator can act on. */
function refuseUnreadable(file: string, bytes: Uint8Array): void {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new InboxError(file, "文件是 UTF-16 编码，请另存为 UTF-8 或 GBK 编码的 CSV");
  }
  if (bytes.includes(0)) {
    throw new InboxError(file, "文件含有 NUL 字节，不是文本 CSV（可能是 UTF-16 编码或二进制文件）");
  }
}

function isUtf8(bytes: Uint8Array, stream: boolean): boolean {
  try {
    // stream: a prefix may end inside a multi-byte character; that must not count as invalid.
    new TextDecoder("utf-8", { fatal: true }).decode(bytes, { stream });
    return true;
  } catch {
    return false;
  }
}

/** Decodes a whole (small) file. */
export function decodeText(file: string, bytes: Uint8Array): DecodedText {
  if (bytes.length === 0) throw new InboxError(file, "文件为空（没有表头）");
  refuseUnreadable(file, bytes);
  if (hasUtf8Bom(bytes)) {
    const body = bytes.subarray(3);
    if (!isUtf8(body, false)) throw new InboxError(file, "文件以 UTF-8 BOM 开头，但内容不是合法的 UTF-8");
    return { text: new TextDecoder("utf-8").decode(body), encoding: "utf-8-bom" };
  }
  if (isUtf8(bytes, false)) return { text: new TextDecoder("utf-8").decode(bytes), encoding: "utf-8" };
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), "gb18030");
  if (text.includes("\uFFFD")) {
    throw new InboxError(file, "无法识别的编码：既不是 UTF-8，也不是 GBK/GB18030");
  }
  return { text, encoding: "gb18030" };
}

const SNIFF_BYTES = 1 << 20;

/** Guesses a big file's encoding from its first MiB. DuckDB's reader validates the rest of a UTF-8 file as it
 *  parses; if it finds an invalid byte later on, the caller transcodes and retries (cloud-billing.ts). */
export async function sniffEncoding(file: string, fullPath: string): Promise<TextEncoding> {
  const handle = await open(fullPath, "r");
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    const head = buffer.subarray(0, bytesRead);
    if (bytesRead === 0) throw new InboxError(file, "文件为空（没有表头）");
    refuseUnreadable(file, head);
    if (hasUtf8Bom(head)) return "utf-8-bom";
    return isUtf8(head, true) ? "utf-8" : "gb18030";
  } finally {
    await handle.close();
  }
}

/** Rewrites a GB18030 file as UTF-8 (streamed: bills can be gigabytes). */
export async function transcodeToUtf8(file: string, fullPath: string, dest: string): Promise<void> {
  let replaced = false;
  const decoder = iconv.decodeStream("gb18030");
  decoder.on("data", (chunk: string) => {
    if (chunk.includes("\uFFFD")) replaced = true;
  });
  await pipeline(createReadStream(fullPath), decoder, createWriteStream(dest, { encoding: "utf8" }));
  if (replaced) throw new InboxError(file, "无法识别的编码：既不是 UTF-8，也不是 GBK/GB18030");
}
