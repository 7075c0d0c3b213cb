// What the inbox folder holds, sorted by path. Names starting with _ or . are not inbox files (the generator keeps
// its manifest in _generator/, editors and OSes leave dotfiles).
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { InboxError } from "./inbox-error.js";

export async function listInboxFiles(inboxDir: string): Promise<string[]> {
  try {
    if (!(await stat(inboxDir)).isDirectory()) throw new Error("not a directory");
  } catch {
    throw new InboxError(inboxDir, "收件箱目录不存在或不是目录");
  }
  const found: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    const entries = await readdir(path.join(inboxDir, rel), { withFileTypes: true });
    for (const entry of entries) {
      if (entry.name.startsWith("_") || entry.name.startsWith(".")) continue;
      const child = rel === "" ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) await walk(child);
      else if (entry.isFile()) found.push(child);
    }
  };
  await walk("");
  return found.sort();
}
