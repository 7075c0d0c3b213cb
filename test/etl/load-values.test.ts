// The load layer's parts on their own: CSV tokenising, encoding detection, header mapping, and the money rule
// (万元 × 10000 exact, to the fen) checked against BigInt arithmetic on random amounts, evaluated by DuckDB.
import fc from "fast-check";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openWarehouse, query, type Warehouse } from "../../etl/db.js";
import { parseCsv } from "../../etl/load/csv-parse.js";
import { decodeText } from "../../etl/load/decode.js";
import { mapHeaders } from "../../etl/load/header-map.js";
import { InboxError } from "../../etl/load/inbox-error.js";
import { PAYMENTS, type ColumnSpec } from "../../etl/load/sources.js";
import { columnSql } from "../../etl/load/value-sql.js";

describe("parseCsv", () => {
  it("handles quotes, escaped quotes, quoted newlines, CRLF, blank lines and a missing final newline", () => {
    const records = parseCsv('a,b,c\r\n1,"x,""y""",\r\n\r\n2,"line1\nline2",z\n3,,');
    expect(records.map((r) => r.fields)).toEqual([
      ["a", "b", "c"],
      ["1", 'x,"y"', ""],
      ["2", "line1\nline2", "z"],
      ["3", "", ""],
    ]);
    expect(records.map((r) => r.line)).toEqual([1, 2, 4, 6]);
  });

  it("flags a record cut inside quotes", () => {
    const records = parseCsv('a,b\n1,"open');
    expect(records[1]).toEqual({ fields: ["1", "open"], line: 2, unterminatedQuote: true });
  });

  it("keeps a quoted empty line as a record", () => {
    expect(parseCsv('a\n""\n').map((r) => r.fields)).toEqual([["a"], [""]]);
  });
});

describe("decodeText", () => {
  it("detects UTF-8, UTF-8 with BOM and GB18030", () => {
    expect(decodeText("f", Buffer.from("项目编号\n"))).toEqual({ text: "项目编号\n", encoding: "utf-8" });
    expect(decodeText("f", Buffer.from("\uFEFF项目编号\n"))).toEqual({ text: "项目编号\n", encoding: "utf-8-bom" });
    expect(decodeText("f", iconv.encode("项目编号,供应商\n", "gbk"))).toEqual({ text: "项目编号,供应商\n", encoding: "gb18030" });
    expect(decodeText("f", iconv.encode("𠀀 GB18030 四字节\n", "gb18030"))).toEqual({
      text: "𠀀 GB18030 四字节\n",
      encoding: "gb18030",
    });
  });

  it("refuses empty files and UTF-16", () => {
    expect(() => decodeText("x.csv", new Uint8Array())).toThrow(InboxError);
    expect(() => decodeText("x.csv", Buffer.from([0xff, 0xfe, 0x41, 0x00]))).toThrow("x.csv：文件是 UTF-16 编码");
  });
});

describe("mapHeaders", () => {
  it("maps in any order, with the money unit the header names", () => {
    const mapped = mapHeaders("p.csv", ["资金类型", "金额（万元）", "支付日期", " 项目编号", "支付流水号", "备注"], PAYMENTS.columns);
    expect(mapped.map((m) => [m.spec.column, m.index, m.header, m.unit])).toEqual([
      ["payment_id", 4, "支付流水号", undefined],
      ["project_id", 3, "项目编号", undefined],
      ["paid_on", 2, "支付日期", undefined],
      ["amount_yuan", 1, "金额（万元）", "万元"],
      ["fund_type", 0, "资金类型", undefined],
    ]);
  });

  it("names the missing column and the duplicated one", () => {
    expect(() => mapHeaders("p.csv", ["支付流水号", "项目编号", "金额(元)", "资金类型"], PAYMENTS.columns)).toThrow(
      "p.csv：缺少列：支付日期",
    );
    expect(() => mapHeaders("p.csv", ["项目编号", "项目编号 "], PAYMENTS.columns)).toThrow("p.csv：表头重复");
  });
});

describe("money in SQL", () => {
  let wh: Warehouse;
  beforeAll(async () => {
    wh = await openWarehouse(":memory:");
  });
  afterAll(() => wh.close());

  const spec: ColumnSpec = { header: "金额", column: "amount", kind: "money", unit: "万元", nonNegative: true };

  async function evaluate(unit: "元" | "万元", cells: string[]): Promise<{ value: string | null; error: string | null }[]> {
    const { value, error } = columnSql({ spec, index: 0, header: `金额(${unit})`, unit }, "v");
    const rows = await query(
      wh.conn,
      `SELECT (${value})::VARCHAR AS value, ${error} AS error FROM (SELECT unnest($cells::VARCHAR[]) AS v, generate_subscripts($cells::VARCHAR[], 1) AS i) ORDER BY i`,
      { cells: `[${cells.map((c) => JSON.stringify(c)).join(",")}]` },
    );
    return rows as { value: string | null; error: string | null }[];
  }

  /** What the contract says the stored yuan are, by integer arithmetic on the text: × 10000, half away from zero to the fen. */
  function expectedYuan(text: string, factor: bigint): string {
    const [int, frac = ""] = text.replaceAll(",", "").split(".");
    const scale = 10n ** BigInt(frac.length);
    const scaled = (BigInt(int + frac) * factor * 100n * 2n + scale) / (2n * scale); // fen, rounded half up
    const fen = scaled.toString().padStart(3, "0");
    return `${fen.slice(0, -2)}.${fen.slice(-2)}`;
  }

  it("万元 × 10000 and 元 are exact to the fen for any amount up to 12 integer digits", async () => {
    const amount = fc
      .tuple(fc.bigInt({ min: 0n, max: 999_999_999_999n }), fc.integer({ min: 0, max: 6 }), fc.bigInt({ min: 0n, max: 999_999n }))
      .map(([int, decimals, frac]) =>
        decimals === 0 ? int.toString() : `${int}.${frac.toString().padStart(6, "0").slice(0, decimals)}`,
      );
    await fc.assert(
      fc.asyncProperty(fc.array(amount, { minLength: 1, maxLength: 50 }), async (cells) => {
        const wan = cells.filter((c) => c.split(".")[0].length <= 11);
        if (wan.length > 0) {
          const got = await evaluate("万元", wan);
          expect(got.map((g) => g.value)).toEqual(wan.map((c) => expectedYuan(c, 10000n)));
        }
        const got = await evaluate("元", cells);
        expect(got.map((g) => g.value)).toEqual(cells.map((c) => expectedYuan(c, 1n)));
      }),
      { numRuns: 30 },
    );
  });

  it("accepts thousands separators, refuses ill-formed ones, negatives and overflow", async () => {
    expect(await evaluate("元", ["1,234.50", "1,23", "-3", "12345678901234567", "0.1e3", "¥100"])).toEqual([
      { value: "1234.50", error: null },
      { value: null, error: "金额不是数字：1,23" },
      { value: "-3.00", error: "金额不能为负数：-3" },
      { value: null, error: "金额超出范围：12345678901234567" },
      { value: null, error: "金额不是数字：0.1e3" },
      { value: null, error: "金额不是数字：¥100" },
    ]);
  });
});
