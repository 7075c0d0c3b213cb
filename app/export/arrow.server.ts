// Arrow IPC stream from a DuckDB result, built column by column from DuckDB's data chunks: each chunk's vectors are
// copied into typed Arrow buffers (no row objects, no vectorFromArray over JS values), and every BATCH_ROWS rows
// become one record batch written to the stream at once, so memory stays bounded by one batch whatever the size of
// the result. Readers: pyarrow.ipc.open_stream, arrow::read_ipc_stream, apache-arrow tableFromIPC.
//
// Type mapping (DuckDB → Arrow):
//   BOOLEAN → Bool; TINYINT/SMALLINT/INTEGER/BIGINT (and unsigned) → Int8…Int64 / Uint8…Uint64;
//   FLOAT → Float32; DOUBLE → Float64; DECIMAL(p,s) → Decimal128(p,s), the exact scaled integer (money never passes
//   through a binary float); VARCHAR/ENUM → Utf8; DATE → Date32 (DateDay); TIMESTAMP → Timestamp(µs);
//   TIMESTAMP WITH TIME ZONE → Timestamp(µs, "UTC"); LIST of the above → List; anything else → Utf8 of DuckDB's text.
import {
  DuckDBTypeId,
  type DuckDBBlobVector,
  type DuckDBDataChunk,
  type DuckDBResult,
  type DuckDBType,
  type DuckDBValue,
  type DuckDBVector,
} from "@duckdb/node-api";
import {
  Binary,
  Bool,
  type Data,
  type DataType,
  DateDay,
  Decimal,
  Field,
  Float32,
  Float64,
  Int16,
  Int32,
  Int64,
  Int8,
  List,
  makeBuilder,
  makeData,
  RecordBatch,
  RecordBatchStreamWriter,
  Schema,
  Struct,
  TimestampMicrosecond,
  Uint16,
  Uint32,
  Uint64,
  Uint8,
  Utf8,
} from "apache-arrow";

/** Rows per record batch: 32 DuckDB chunks. Big enough that per-batch overhead vanishes, small enough to stay a
 *  few megabytes per batch. */
export const BATCH_ROWS = 65_536;

// ---------------------------------------------------------------------------------------------------------------
// Validity: Arrow's bitmap (LSB first), allocated only once a null is seen.

class Validity {
  bits: Uint8Array | null = null;
  nulls = 0;
  constructor(private capacity: number) {}
  setNull(i: number): void {
    // every row before the first null was valid: start from all ones
    if (!this.bits) this.bits = new Uint8Array(Math.ceil(this.capacity / 8)).fill(0xff);
    this.bits[i >> 3] &= ~(1 << (i & 7));
    this.nulls += 1;
  }
  grow(capacity: number): void {
    if (capacity <= this.capacity) return;
    if (this.bits) {
      const next = new Uint8Array(Math.ceil(capacity / 8)).fill(0xff);
      next.set(this.bits);
      this.bits = next;
    }
    this.capacity = capacity;
  }
  take(length: number): { nullBitmap: Uint8Array | undefined; nullCount: number } {
    const out = { nullBitmap: this.bits ? this.bits.subarray(0, Math.ceil(length / 8)) : undefined, nullCount: this.nulls };
    this.bits = null;
    this.nulls = 0;
    return out;
  }
}

interface ColumnBuilder {
  readonly type: DataType;
  /** Appends the first `n` items of a DuckDB vector. */
  append(v: DuckDBVector, n: number): void;
  /** The Arrow data of everything appended since the last flush; starts a new batch. */
  flush(): Data;
}

type TypedArray =
  | Int8Array
  | Int16Array
  | Int32Array
  | Uint8Array
  | Uint16Array
  | Uint32Array
  | Float32Array
  | Float64Array
  | BigInt64Array
  | BigUint64Array;

/** Fixed-width values: numbers, dates (days), timestamps (µs). `read` turns a DuckDB item into the stored value. */
class FixedBuilder<A extends TypedArray> implements ColumnBuilder {
  private length = 0;
  private data: A;
  private validity: Validity;
  constructor(
    readonly type: DataType,
    private readonly make: (n: number) => A,
    private readonly read: (item: unknown) => number | bigint,
  ) {
    this.data = make(BATCH_ROWS);
    this.validity = new Validity(BATCH_ROWS);
  }
  append(v: DuckDBVector, n: number): void {
    this.reserve(this.length + n);
    const data = this.data as unknown as (number | bigint)[];
    const base = this.length;
    for (let i = 0; i < n; i++) {
      const item = v.getItem(i);
      if (item === null) this.validity.setNull(base + i);
      else data[base + i] = this.read(item);
    }
    this.length += n;
  }
  private reserve(n: number): void {
    if (n <= this.data.length) return;
    const next = this.make(Math.max(n, this.data.length * 2));
    (next as unknown as { set(a: A): void }).set(this.data);
    this.data = next;
    this.validity.grow(next.length);
  }
  flush(): Data {
    const length = this.length;
    const { nullBitmap, nullCount } = this.validity.take(length);
    const data = makeData({ type: this.type, length, nullCount, nullBitmap, data: this.data.subarray(0, length) } as never);
    this.length = 0;
    this.data = this.make(BATCH_ROWS);
    this.validity = new Validity(BATCH_ROWS);
    return data as Data;
  }
}

class BoolBuilder implements ColumnBuilder {
  readonly type = new Bool();
  private length = 0;
  private bits = new Uint8Array(BATCH_ROWS / 8);
  private validity = new Validity(BATCH_ROWS);
  append(v: DuckDBVector, n: number): void {
    const need = Math.ceil((this.length + n) / 8);
    if (need > this.bits.length) {
      const next = new Uint8Array(Math.max(need, this.bits.length * 2));
      next.set(this.bits);
      this.bits = next;
      this.validity.grow(next.length * 8);
    }
    for (let i = 0; i < n; i++) {
      const at = this.length + i;
      const item = v.getItem(i);
      if (item === null) this.validity.setNull(at);
      else if (item === true) this.bits[at >> 3] |= 1 << (at & 7);
    }
    this.length += n;
  }
  flush(): Data {
    const length = this.length;
    const { nullBitmap, nullCount } = this.validity.take(length);
    const data = makeData({ type: this.type, length, nullCount, nullBitmap, data: this.bits.subarray(0, Math.ceil(length / 8)) });
    this.length = 0;
    this.bits = new Uint8Array(BATCH_ROWS / 8);
    this.validity = new Validity(BATCH_ROWS);
    return data;
  }
}

/** Decimal128: the scaled integer (DuckDB's own representation) as two little-endian 64-bit words. Exact. */
class DecimalBuilder implements ColumnBuilder {
  readonly type: Decimal;
  private length = 0;
  private words = new BigInt64Array(BATCH_ROWS * 2);
  private validity = new Validity(BATCH_ROWS);
  /** Widths up to 18 are 64-bit in DuckDB: the high word is just the sign. */
  private readonly wide: boolean;
  constructor(precision: number, scale: number) {
    this.type = new Decimal(scale, precision, 128);
    this.wide = precision > 18;
  }
  append(v: DuckDBVector, n: number): void {
    if ((this.length + n) * 2 > this.words.length) {
      const next = new BigInt64Array(Math.max((this.length + n) * 2, this.words.length * 2));
      next.set(this.words);
      this.words = next;
      this.validity.grow(next.length / 2);
    }
    const w = this.words;
    for (let i = 0; i < n; i++) {
      const at = this.length + i;
      const item = v.getItem(i) as { value: bigint } | null;
      if (item === null) {
        this.validity.setNull(at);
        continue;
      }
      const scaled = item.value;
      w[2 * at] = scaled; // BigInt64Array stores the low 64 bits (two's complement)
      w[2 * at + 1] = this.wide ? scaled >> 64n : scaled < 0n ? -1n : 0n;
    }
    this.length += n;
  }
  flush(): Data {
    const length = this.length;
    const { nullBitmap, nullCount } = this.validity.take(length);
    const data = makeData({
      type: this.type,
      length,
      nullCount,
      nullBitmap,
      data: new Uint32Array(this.words.buffer, 0, length * 4),
    });
    this.length = 0;
    this.words = new BigInt64Array(BATCH_ROWS * 2);
    this.validity = new Validity(BATCH_ROWS);
    return data;
  }
}

/** Utf8: strings encoded straight into one growing byte buffer with Int32 offsets. */
class Utf8Builder implements ColumnBuilder {
  readonly type = new Utf8();
  private length = 0;
  private offsets = new Int32Array(BATCH_ROWS + 1);
  private bytes = new Uint8Array(BATCH_ROWS * 16);
  private used = 0;
  private validity = new Validity(BATCH_ROWS);
  private static encoder = new TextEncoder();
  constructor(private readonly text: (item: NonNullable<DuckDBValue>) => string = (x) => x as string) {}
  append(v: DuckDBVector, n: number): void {
    if (this.length + n + 1 > this.offsets.length) {
      const next = new Int32Array(Math.max(this.length + n + 1, this.offsets.length * 2));
      next.set(this.offsets);
      this.offsets = next;
      this.validity.grow(next.length - 1);
    }
    for (let i = 0; i < n; i++) {
      const at = this.length + i;
      const item = v.getItem(i);
      if (item === null) {
        this.validity.setNull(at);
      } else {
        const s = this.text(item);
        // worst case 3 bytes per UTF-16 unit
        if (this.used + s.length * 3 > this.bytes.length) {
          const next = new Uint8Array(Math.max(this.used + s.length * 3, this.bytes.length * 2));
          next.set(this.bytes.subarray(0, this.used));
          this.bytes = next;
        }
        this.used += Utf8Builder.encoder.encodeInto(s, this.bytes.subarray(this.used)).written;
      }
      this.offsets[at + 1] = this.used;
    }
    this.length += n;
  }
  flush(): Data {
    const length = this.length;
    const { nullBitmap, nullCount } = this.validity.take(length);
    const data = makeData({
      type: this.type,
      length,
      nullCount,
      nullBitmap,
      valueOffsets: this.offsets.subarray(0, length + 1),
      data: this.bytes.subarray(0, this.used),
    });
    this.length = 0;
    this.used = 0;
    this.offsets = new Int32Array(BATCH_ROWS + 1);
    this.bytes = new Uint8Array(BATCH_ROWS * 16);
    this.validity = new Validity(BATCH_ROWS);
    return data;
  }
}

/** Utf8 (or Binary) from raw bytes: a VARCHAR column selected as `encode(col)` arrives as a BLOB of its UTF-8
 *  bytes, which are copied as they are — no decoding to a JS string and re-encoding, the dominant cost otherwise. */
class BytesBuilder implements ColumnBuilder {
  private length = 0;
  private offsets = new Int32Array(BATCH_ROWS + 1);
  private bytes = new Uint8Array(BATCH_ROWS * 16);
  private used = 0;
  private validity = new Validity(BATCH_ROWS);
  constructor(readonly type: Utf8 | Binary) {}
  append(v: DuckDBVector, n: number): void {
    const blobs = v as DuckDBBlobVector;
    if (this.length + n + 1 > this.offsets.length) {
      const next = new Int32Array(Math.max(this.length + n + 1, this.offsets.length * 2));
      next.set(this.offsets);
      this.offsets = next;
      this.validity.grow(next.length - 1);
    }
    for (let i = 0; i < n; i++) {
      const at = this.length + i;
      const b = blobs.getItemBytes(i);
      if (b === null) {
        this.validity.setNull(at);
      } else {
        if (this.used + b.byteLength > this.bytes.length) {
          const next = new Uint8Array(Math.max(this.used + b.byteLength, this.bytes.length * 2));
          next.set(this.bytes.subarray(0, this.used));
          this.bytes = next;
        }
        this.bytes.set(b, this.used);
        this.used += b.byteLength;
      }
      this.offsets[at + 1] = this.used;
    }
    this.length += n;
  }
  flush(): Data {
    const length = this.length;
    const { nullBitmap, nullCount } = this.validity.take(length);
    const data = makeData({
      type: this.type,
      length,
      nullCount,
      nullBitmap,
      valueOffsets: this.offsets.subarray(0, length + 1),
      data: this.bytes.subarray(0, this.used),
    } as never) as Data;
    this.length = 0;
    this.used = 0;
    this.offsets = new Int32Array(BATCH_ROWS + 1);
    this.bytes = new Uint8Array(BATCH_ROWS * 16);
    this.validity = new Validity(BATCH_ROWS);
    return data;
  }
}

/** Lists are rare and small in the marts (e.g. mart_fund_status.rule_ids): built with Arrow's own builder. */
class ListBuilder implements ColumnBuilder {
  readonly type: List;
  // Arrow's List builder takes plain arrays at runtime though its type says Vector
  private builder: { append(v: unknown): unknown; flush(): Data };
  constructor(child: DataType, private readonly item: (x: DuckDBValue) => unknown) {
    this.type = new List(new Field("item", child, true));
    this.builder = makeBuilder({ type: this.type, nullValues: [null, undefined] }) as unknown as ListBuilder["builder"];
  }
  append(v: DuckDBVector, n: number): void {
    for (let i = 0; i < n; i++) {
      const list = v.getItem(i) as { items: readonly DuckDBValue[] } | null;
      this.builder.append(list === null ? null : list.items.map(this.item));
    }
  }
  flush(): Data {
    return this.builder.flush();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// DuckDB type → builder

const num = (x: unknown): number => x as number;
const big = (x: unknown): bigint => x as bigint;

function simpleChild(t: DuckDBType): { type: DataType; item: (x: DuckDBValue) => unknown } {
  switch (t.typeId) {
    case DuckDBTypeId.BOOLEAN:
      return { type: new Bool(), item: (x) => x };
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.TINYINT:
      return { type: new Int32(), item: (x) => x };
    case DuckDBTypeId.BIGINT:
      return { type: new Int64(), item: (x) => x };
    case DuckDBTypeId.DOUBLE:
    case DuckDBTypeId.FLOAT:
      return { type: new Float64(), item: (x) => x };
    default:
      // VARCHAR, and DECIMAL/DATE/… inside a list as exact text
      return { type: new Utf8(), item: (x) => (x === null ? null : String(x)) };
  }
}

function builderFor(t: DuckDBType, textAsBytes = false): ColumnBuilder {
  switch (t.typeId) {
    case DuckDBTypeId.BLOB:
      return new BytesBuilder(textAsBytes ? new Utf8() : new Binary());
    case DuckDBTypeId.BOOLEAN:
      return new BoolBuilder();
    case DuckDBTypeId.TINYINT:
      return new FixedBuilder(new Int8(), (n) => new Int8Array(n), num);
    case DuckDBTypeId.SMALLINT:
      return new FixedBuilder(new Int16(), (n) => new Int16Array(n), num);
    case DuckDBTypeId.INTEGER:
      return new FixedBuilder(new Int32(), (n) => new Int32Array(n), num);
    case DuckDBTypeId.BIGINT:
      return new FixedBuilder(new Int64(), (n) => new BigInt64Array(n), big);
    case DuckDBTypeId.UTINYINT:
      return new FixedBuilder(new Uint8(), (n) => new Uint8Array(n), num);
    case DuckDBTypeId.USMALLINT:
      return new FixedBuilder(new Uint16(), (n) => new Uint16Array(n), num);
    case DuckDBTypeId.UINTEGER:
      return new FixedBuilder(new Uint32(), (n) => new Uint32Array(n), num);
    case DuckDBTypeId.UBIGINT:
      return new FixedBuilder(new Uint64(), (n) => new BigUint64Array(n), big);
    case DuckDBTypeId.FLOAT:
      return new FixedBuilder(new Float32(), (n) => new Float32Array(n), num);
    case DuckDBTypeId.DOUBLE:
      return new FixedBuilder(new Float64(), (n) => new Float64Array(n), num);
    case DuckDBTypeId.DECIMAL:
      return new DecimalBuilder(t.width, t.scale);
    case DuckDBTypeId.DATE:
      return new FixedBuilder(new DateDay(), (n) => new Int32Array(n), (x) => (x as { days: number }).days);
    case DuckDBTypeId.TIMESTAMP:
      return new FixedBuilder(new TimestampMicrosecond(), (n) => new BigInt64Array(n), (x) => (x as { micros: bigint }).micros);
    case DuckDBTypeId.TIMESTAMP_TZ:
      return new FixedBuilder(new TimestampMicrosecond("UTC"), (n) => new BigInt64Array(n), (x) => (x as { micros: bigint }).micros);
    case DuckDBTypeId.VARCHAR:
      return new Utf8Builder();
    case DuckDBTypeId.LIST: {
      const child = simpleChild(t.valueType);
      return new ListBuilder(child.type, child.item);
    }
    default:
      return new Utf8Builder((x) => String(x));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The IPC stream writer, drained after every batch: Arrow's writer queues its output internally; this subclass
// hands each batch's bytes straight back so the caller can stream them with backpressure.

class DrainableStreamWriter extends RecordBatchStreamWriter {
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  protected override _write(chunk: ArrayBufferView): this {
    if (this._started && chunk.byteLength > 0) {
      this.pending.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      this.pendingBytes += chunk.byteLength;
      this._position += chunk.byteLength;
    }
    return this;
  }
  /** Everything written since the last call, as one buffer. */
  take(): Uint8Array {
    const out = new Uint8Array(this.pendingBytes);
    let at = 0;
    for (const p of this.pending) {
      out.set(p, at);
      at += p.byteLength;
    }
    this.pending = [];
    this.pendingBytes = 0;
    return out;
  }
}

/** The select-list expression that hands a column to the Arrow writer: VARCHAR as `encode(col)`, its UTF-8 bytes
 *  as a BLOB (copied without decoding; listed in `textAsBytes`), everything else as it is. `quoted` is the column
 *  name already quoted by the caller's identifier helper. */
export function arrowSelectExpression(quoted: string, duckdbType: string): string {
  return duckdbType === "VARCHAR" ? `encode(${quoted}) AS ${quoted}` : quoted;
}

export interface ArrowStreamOptions {
  /** BLOB columns that carry UTF-8 text (selected with arrowSelectExpression): written as Utf8. */
  textAsBytes?: ReadonlySet<string>;
  /** Field metadata "label" (the Chinese column name), where known. */
  labels?: (name: string) => string | undefined;
  /** Schema metadata (relation, filters, as-of date). */
  metadata?: Record<string, string>;
  /** Told how many rows each DuckDB chunk carried (for the export log). */
  onRows?: (n: number) => void;
}

/**
 * Streams `result` as an Arrow IPC stream: schema, one record batch per BATCH_ROWS rows, end-of-stream marker.
 * For speed, select VARCHAR columns with arrowSelectExpression and name them in `textAsBytes`; a plain VARCHAR
 * column also works, through a slower decode-and-encode path.
 */
export async function* arrowIpcStream(result: DuckDBResult, options: ArrowStreamOptions = {}): AsyncGenerator<Uint8Array> {
  const names = result.deduplicatedColumnNames();
  const types = result.columnTypes();
  const builders = types.map((t, i) => builderFor(t, options.textAsBytes?.has(names[i]) ?? false));
  const fields = names.map((name, i) => {
    const label = options.labels?.(name);
    return new Field(name, builders[i].type, true, label ? new Map([["label", label]]) : undefined);
  });
  const schema = new Schema(fields, options.metadata ? new Map(Object.entries(options.metadata)) : undefined);
  const structType = new Struct(schema.fields);
  const writer = new DrainableStreamWriter();
  let pending = 0;
  let batches = 0;

  const emit = (): Uint8Array => {
    const children = builders.map((b) => b.flush());
    writer.write(new RecordBatch(schema, makeData({ type: structType, length: pending, nullCount: 0, children })));
    pending = 0;
    batches += 1;
    return writer.take();
  };

  for (;;) {
    const chunk: DuckDBDataChunk | null = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const n = chunk.rowCount;
    for (let c = 0; c < builders.length; c++) builders[c].append(chunk.getColumnVector(c), n);
    pending += n;
    options.onRows?.(n);
    if (pending >= BATCH_ROWS) yield emit();
  }
  // An empty result still carries its schema (and one empty batch, which every reader accepts).
  if (pending > 0 || batches === 0) yield emit();
  writer.finish();
  const tail = writer.take();
  if (tail.byteLength > 0) yield tail;
}
