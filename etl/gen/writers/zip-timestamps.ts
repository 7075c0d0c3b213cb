// exceljs zips the workbook with the current time on every entry, which would make two runs of the same seed
// differ. This rewrites the DOS date and time of every local file header and central-directory entry to a fixed
// moment (APPNOTE.TXT 4.3.7, 4.3.12), leaving every other byte untouched.

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL = 0x06054b50;

function dosDateTime(iso: string): { date: number; time: number } {
  const [d, t] = iso.split("T");
  const [y, m, day] = d.split("-").map(Number);
  const [hh, mm, ss] = (t ?? "00:00:00").replace("Z", "").split(":").map(Number);
  return { date: ((y - 1980) << 9) | (m << 5) | day, time: (hh << 11) | (mm << 5) | Math.floor((ss ?? 0) / 2) };
}

export function fixZipTimestamps(zip: Buffer, when: string): Buffer {
  const out = Buffer.from(zip);
  const { date, time } = dosDateTime(when);
  let eocd = -1;
  for (let i = out.length - 22; i >= 0; i--) {
    if (out.readUInt32LE(i) === END_OF_CENTRAL) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error("not a zip file: no end-of-central-directory record");
  const entries = out.readUInt16LE(eocd + 10);
  let p = out.readUInt32LE(eocd + 16);
  for (let e = 0; e < entries; e++) {
    if (out.readUInt32LE(p) !== CENTRAL_HEADER) throw new Error(`bad central directory entry at ${p}`);
    out.writeUInt16LE(time, p + 12);
    out.writeUInt16LE(date, p + 14);
    const local = out.readUInt32LE(p + 42);
    if (out.readUInt32LE(local) !== LOCAL_HEADER) throw new Error(`bad local header at ${local}`);
    out.writeUInt16LE(time, local + 10);
    out.writeUInt16LE(date, local + 12);
    p += 46 + out.readUInt16LE(p + 28) + out.readUInt16LE(p + 30) + out.readUInt16LE(p + 32);
  }
  return out;
}
