// A file that cannot be read at all. loadInbox lets it propagate: the build then discards the new warehouse and the
// previous one stays in service, which is better than a warehouse silently missing a whole source.
export class InboxError extends Error {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`${file}：${problem}`);
    this.name = "InboxError";
  }
}
