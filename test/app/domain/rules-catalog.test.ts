// The app's rule labels must agree with the warehouse's own rule catalogue (queries/flags/00-rule-catalog.sql):
// same rule ids, articles and severities, so a badge never contradicts the flag it labels.
import { describe, expect, it } from "vitest";
import { RULES } from "../../../app/domain/rules";
import { createTestWarehouse } from "../../support/warehouse";

describe("rule labels vs ref_flag_rules", () => {
  it("have the same ids, articles and severities", async () => {
    const wh = await createTestWarehouse();
    try {
      await wh.buildMarts();
      const rows = await wh.query("SELECT rule_id, article, severity FROM ref_flag_rules ORDER BY rule_id");
      const app = Object.values(RULES).map((r) => ({ rule_id: r.id, article: r.article, severity: r.severity })).sort((a, b) => (a.rule_id < b.rule_id ? -1 : 1));
      expect(app).toEqual(rows);
    } finally {
      wh.close();
    }
  });
});
