// Security before go-live (Art. 36) and vulnerabilities fixed in time (Art. 37).
import { addDays, yearOf, ymd } from "../dates.js";
import type { SecurityRecord } from "../model.js";
import { FIX_DAYS, needsMlpsOrPentest, renumberSecurity } from "../security.js";
import { LAST_EVENT } from "../timeline.js";
import { edit, intend, isBuildable, isFree, nearMiss, perRule, pickSpread, requireCount, type CaseContext } from "./context.js";

const live = (p: Parameters<typeof isBuildable>[0]): boolean => p.schedule.goLiveOn !== null && p.app.deployment === "政务云";

function assessment(ctx: CaseContext): void {
  const n = perRule(ctx);
  const rng = ctx.rng.fork("ART36-assess");
  const picked = pickSpread(ctx, "ART36-assess", n, (p) => isFree(ctx, p) && isBuildable(p) && live(p));
  requireCount("ART36_NO_SECURITY_ASSESSMENT", picked, n);
  picked.forEach((p, i) => {
    // Art. 36 requires both documents before go-live ("安全评估报告及…信息安全方案"): either one missing is a breach.
    const variant = i % 4;
    intend(ctx, p, "ART36_NO_SECURITY_ASSESSMENT", ["no security assessment report", "assessment report dated after go-live", "no security plan", "neither document"][variant]);
    edit(ctx, p, (rec) => {
      const goLive = rec.system!.goLiveOn!;
      if (variant === 0) rec.security = rec.security.filter((s) => s.type !== "安全评估报告");
      if (variant === 1) for (const s of rec.security) if (s.type === "安全评估报告") s.date = ctx.cal.onOrAfter(addDays(goLive, rng.int(10, 40)));
      if (variant === 2) rec.security = rec.security.filter((s) => s.type !== "安全方案");
      if (variant === 3) rec.security = rec.security.filter((s) => s.type !== "安全方案" && s.type !== "安全评估报告");
      renumberSecurity(rec);
    });
  });
}

function mlpsOrPentest(ctx: CaseContext): void {
  const n = perRule(ctx);
  const rng = ctx.rng.fork("ART36-mlps");
  const picked = pickSpread(ctx, "ART36-mlps", n, (p) => isFree(ctx, p) && isBuildable(p) && live(p) && needsMlpsOrPentest(p));
  requireCount("ART36_NO_MLPS_OR_PENTEST", picked, n);
  picked.forEach((p, i) => {
    const variant = i % 3;
    intend(ctx, p, "ART36_NO_MLPS_OR_PENTEST", [
      `等保 level ${p.app.mlpsLevel}${p.app.internetFacing ? ", internet-facing" : ""}: live without MLPS filing or pen-test`,
      "pen-test before go-live, findings fixed only after go-live",
      "MLPS filing dated after go-live",
    ][variant]);
    edit(ctx, p, (rec) => {
      const goLive = rec.system!.goLiveOn!;
      const preLive = (s: SecurityRecord): boolean => (s.type === "等保测评备案" || s.type === "渗透测试报告") && s.date < goLive;
      const before = rec.security.filter(preLive);
      rec.security = rec.security.filter((s) => !preLive(s));
      if (variant === 1) {
        const on = ctx.cal.onOrAfter(addDays(goLive, -rng.int(15, 30)));
        rec.security.push({ recordId: "", projectId: rec.app.projectId, type: "渗透测试报告", date: on, severity: null, fixDeadline: null, fixedOn: addDays(goLive, rng.int(10, 30)) });
      }
      if (variant === 2) {
        const on = ctx.cal.onOrAfter(addDays(goLive, rng.int(20, 60)));
        rec.security.push({ ...(before[0] ?? { recordId: "", projectId: rec.app.projectId, severity: null, fixDeadline: null }), type: "等保测评备案", date: on, fixedOn: addDays(on, rng.int(3, 8)) });
      }
      renumberSecurity(rec);
    });
  });
  // Near-misses that occur naturally: a pen-test with its findings fixed before go-live instead of an MLPS filing,
  // and a level-1 internal system that needs neither.
  const pentestOnly = pickSpread(ctx, "ART36-near-pentest", 2, (p) => isFree(ctx, p) && isBuildable(p) && live(p) && needsMlpsOrPentest(p));
  pentestOnly.forEach((p) => {
    nearMiss(ctx, p, "ART36_NO_MLPS_OR_PENTEST", "no MLPS filing, pen-test report with findings fixed before go-live");
    edit(ctx, p, (rec) => {
      const goLive = rec.system!.goLiveOn!;
      rec.security = rec.security.filter((s) => !(s.type === "等保测评备案" && s.date < goLive));
      if (!rec.security.some((s) => s.type === "渗透测试报告")) {
        const on = ctx.cal.onOrAfter(addDays(goLive, -rng.int(20, 35)));
        rec.security.push({ recordId: "", projectId: rec.app.projectId, type: "渗透测试报告", date: on, severity: null, fixDeadline: null, fixedOn: addDays(on, rng.int(2, 6)) });
      }
      renumberSecurity(rec);
    });
  });
  const level1 = pickSpread(ctx, "ART36-near-level1", 2, (p) => isFree(ctx, p) && isBuildable(p) && live(p) && !needsMlpsOrPentest(p));
  level1.forEach((p) => nearMiss(ctx, p, "ART36_NO_MLPS_OR_PENTEST", "等保 level 1, not internet-facing: neither MLPS nor pen-test required"));
}

function vulnerabilities(ctx: CaseContext): void {
  const n = perRule(ctx);
  const rng = ctx.rng.fork("ART37");
  const running = (p: Parameters<typeof isBuildable>[0]): boolean => live(p) && p.shutdownOn === null && p.schedule.goLiveOn! <= "2025-06-30";
  const picked = pickSpread(ctx, "ART37", n + 3, (p) => isFree(ctx, p) && isBuildable(p) && running(p));
  requireCount("ART37_VULN_UNFIXED", picked, n + 3);
  picked.forEach((p, i) => {
    const severity = i % 2 === 0 ? "高危" : "严重";
    const variant = i < n ? i % 2 : i - n + 2;
    const note = [
      `${severity} vulnerability still open past its deadline`,
      `${severity} vulnerability fixed weeks after its deadline`,
      "高危 vulnerability fixed on its deadline day",
      "高危 vulnerability fixed on its deadline day",
      "高危 vulnerability open, fix deadline in 2027 (not yet due)",
    ][variant];
    if (variant < 2) intend(ctx, p, "ART37_VULN_UNFIXED", note);
    else nearMiss(ctx, p, "ART37_VULN_UNFIXED", note);
    edit(ctx, p, (rec) => {
      const goLive = rec.system!.goLiveOn!;
      const sev = variant >= 2 ? "高危" : severity;
      let found = addDays(goLive, rng.int(60, 300));
      if (found > "2026-09-30") found = ymd(2026, 9, rng.int(1, 20));
      let deadline = addDays(found, FIX_DAYS[sev]);
      let fixedOn: string | null = null;
      if (variant === 1) fixedOn = addDays(deadline, rng.int(10, 40));
      if (variant === 2 || variant === 3) fixedOn = deadline;
      if (variant === 4) {
        found = ctx.cal.onOrAfter(ymd(2026, 10, rng.int(12, 20)));
        deadline = ymd(2027, 1, rng.int(10, 25));
      }
      if (found > LAST_EVENT || yearOf(found) < yearOf(goLive)) throw new Error(`${rec.app.projectId}: vulnerability outside operation`);
      rec.security.push({ recordId: "", projectId: rec.app.projectId, type: "漏洞", date: found, severity: sev, fixDeadline: deadline, fixedOn });
      renumberSecurity(rec);
    });
  });
}

export function securityCases(ctx: CaseContext): void {
  assessment(ctx);
  mlpsOrPentest(ctx);
  vulnerabilities(ctx);
}
