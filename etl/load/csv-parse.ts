// RFC 4180 CSV parsing for the inbox's small files (a few hundred thousand rows at most), as Chinese office software
// writes them: quoted fields, quoted newlines, "" escapes, CRLF or LF. Kept in JS rather than DuckDB's reader for
// these files because a truncated or ragged row must become a rejected row with its own number and reason, not a
// failed load. Cloud bills, which are big, go through DuckDB's reader (cloud-billing.ts).

export interface CsvRecord {
  fields: string[];
  /** The physical line the record starts on (1-based), for messages. */
  line: number;
  /** The file ended inside a quoted field: the record was cut off. */
  unterminatedQuote: boolean;
}

export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false; // inside a quoted field
  let wasQuoted = false; // the current record has had a quoted field (so an "empty" line is not blank)
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const n = text.length;

  const endRecord = (unterminatedQuote: boolean): void => {
    fields.push(field);
    const blank = fields.length === 1 && fields[0] === "" && !wasQuoted;
    if (!blank) records.push({ fields, line: recordLine, unterminatedQuote });
    fields = [];
    field = "";
    wasQuoted = false;
  };

  while (i < n) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      if (ch === "\n") line++;
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === "") {
      quoted = true;
      wasQuoted = true;
      i++;
      continue;
    }
    if (ch === ",") {
      fields.push(field);
      field = "";
      i++;
      continue;
    }
    if (ch === "\r" || ch === "\n") {
      endRecord(false);
      i += ch === "\r" && text[i + 1] === "\n" ? 2 : 1;
      line++;
      recordLine = line;
      continue;
    }
    // A quote in the middle of an unquoted field is kept as text, as spreadsheet programs do.
    field += ch;
    i++;
  }
  if (quoted) endRecord(true);
  else if (field !== "" || fields.length > 0 || wasQuoted) endRecord(false);
  return records;
}
