import { describe, expect, it } from "vitest";
import {
  articleLabel,
  articleShort,
  chineseNumber,
  compareRules,
  RULE_IDS,
  RULES,
  ruleInfo,
  ruleLabel,
  severityColour,
  SEVERITY_COLOURS,
} from "~/domain/rules";

// The catalogue of ../shared/spec/rules.md: these ids are the public schema's and must all be labelled.
const SPEC_RULES: [string, string][] = [
  ["ART7_MACHINE_ROOM", "7(1)"],
  ["ART7_NOT_ON_GOV_CLOUD", "7(2)"],
  ["ART7_VIDEO_CONFERENCE", "7(3)"],
  ["ART7_NO_DATA_CATALOG", "7(4), 27, 28"],
  ["ART7_PRIOR_OPINIONS_OPEN", "7(5)"],
  ["ART7_DEPT_BACKLOG", "7(6)"],
  ["ART8_NON_IT_NOT_SEPARATED", "8"],
  ["ART9_MATERIALS_MISSING", "9, 12"],
  ["ART11_NOT_IN_PLAN", "11"],
  ["ART16_CONTRACT_FILING_LATE", "16"],
  ["ART17_CHANGE_WITHOUT_REVIEW", "17"],
  ["ART17_ABOLISHED_UNEXPLAINED", "17"],
  ["ART18_CLOUD_NOT_RELEASED", "18"],
  ["ART19_ACCEPTANCE_FILING_LATE", "19"],
  ["ART21_OVER_APPROVED_PRICE", "21"],
  ["ART22_PAID_WITHOUT_REVIEW", "22"],
  ["ART23_NO_ALLOCATION_PLAN", "23"],
  ["ART29_CLOUD_BEFORE_REGISTRATION", "29"],
  ["ART30_CATALOG_LATE", "30"],
  ["ART30_DATA_STALE", "30"],
  ["ART34_RECTIFICATION_FAILED", "34"],
  ["ART34_RECTIFICATION_OPEN", "34"],
  ["ART36_NO_SECURITY_ASSESSMENT", "36"],
  ["ART36_NO_MLPS_OR_PENTEST", "36"],
  ["ART37_VULN_UNFIXED", "37"],
  ["ART5_NO_CRYPTO_PLAN", "5(5), 35"],
];

describe("rule catalogue", () => {
  it("labels exactly the rules of rules.md, with their articles", () => {
    expect([...RULE_IDS].sort()).toEqual(SPEC_RULES.map(([id]) => id).sort());
    for (const [id, article] of SPEC_RULES) {
      const info = RULES[id];
      expect(info.article, id).toBe(article);
      expect(info.title, id).toMatch(/[\u4e00-\u9fff]/);
      expect(info.short.length, id).toBeLessThanOrEqual(6);
      expect(info.consequence, id).not.toBe("");
      expect(SEVERITY_COLOURS[info.severity], id).toBeDefined();
    }
  });

  it("marks the rules that stop funds (rules.md: Consequences)", () => {
    const om = RULE_IDS.filter((id) => RULES[id].fund === "om").sort();
    expect(om).toEqual(["ART30_CATALOG_LATE", "ART30_DATA_STALE", "ART34_RECTIFICATION_FAILED"]);
    expect(RULE_IDS.filter((id) => RULES[id].fund === "construction")).toEqual(["ART22_PAID_WITHOUT_REVIEW"]);
    expect(RULES.ART30_CATALOG_LATE.consequence).toContain("运维经费");
    expect(RULES.ART34_RECTIFICATION_OPEN.severity).toBe("提示");
  });

  it("gives an unknown rule a neutral stand-in rather than failing", () => {
    expect(ruleInfo("ART99_NEW").title).toBe("ART99_NEW");
    expect(ruleLabel("ART99_NEW")).toBe("ART99_NEW");
    expect(severityColour("不存在")).toBe("#6b7280");
  });
});

describe("article numbers in Chinese", () => {
  it("writes 1–99 the way the measures number their articles", () => {
    expect(chineseNumber(5)).toBe("五");
    expect(chineseNumber(10)).toBe("十");
    expect(chineseNumber(16)).toBe("十六");
    expect(chineseNumber(20)).toBe("二十");
    expect(chineseNumber(34)).toBe("三十四");
    expect(chineseNumber(120)).toBe("120");
  });

  it("labels articles and items", () => {
    expect(articleLabel("16")).toBe("第十六条");
    expect(articleLabel("7(1)")).toBe("第七条第（一）项");
    expect(articleLabel("7(4), 27, 28")).toBe("第七条第（四）项、第二十七条、第二十八条");
    expect(articleLabel("5(5), 35")).toBe("第五条第（五）项、第三十五条");
    expect(articleLabel("")).toBe("");
    expect(articleLabel("附则")).toBe("附则");
    expect(articleShort("7(4), 27, 28")).toBe("第七条（四）");
    expect(articleShort("30")).toBe("第三十条");
    expect(ruleLabel("ART16_CONTRACT_FILING_LATE")).toBe("第十六条 合同备案超期");
  });

  it("orders rules as the measures read: by article, then item", () => {
    const sorted = ["ART30_DATA_STALE", "ART7_MACHINE_ROOM", "ART16_CONTRACT_FILING_LATE", "ART7_DEPT_BACKLOG", "ART5_NO_CRYPTO_PLAN", "ART9_MATERIALS_MISSING"].sort(compareRules);
    expect(sorted).toEqual(["ART5_NO_CRYPTO_PLAN", "ART7_MACHINE_ROOM", "ART7_DEPT_BACKLOG", "ART9_MATERIALS_MISSING", "ART16_CONTRACT_FILING_LATE", "ART30_DATA_STALE"]);
    expect(["ART99_NEW", "ART37_VULN_UNFIXED"].sort(compareRules)).toEqual(["ART37_VULN_UNFIXED", "ART99_NEW"]);
  });
});
