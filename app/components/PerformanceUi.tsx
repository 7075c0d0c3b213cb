// Small pieces the 年度绩效, 项目 and 单位 pages share: grade and status badges, empty states that say why and what to
// do, and the data routes' error boundary (a Chinese sentence, never a stack trace).
import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import type { ReactNode } from "react";
import type { FilterField } from "~/components/FilterBar";
import { WarehouseMissing } from "~/components/WarehouseMissing";
import {
  constructionStatusLabel,
  GRADE_COLORS,
  isGrade,
  omStatusLabel,
  reviewStatusLabel,
} from "~/domain/performance";

export function GradeBadge({ grade }: { grade: unknown }) {
  if (!isGrade(grade)) return <span className="badge muted">未评分</span>;
  return (
    <span className="badge grade" style={{ background: GRADE_COLORS[grade] }}>
      {grade}
    </span>
  );
}

export function OmBadge({ status }: { status: string }) {
  return <span className={`badge ${status === "suspended" ? "bad" : "ok"}`}>{omStatusLabel(status)}</span>;
}

export function ConstructionBadge({ status }: { status: string }) {
  return <span className={`badge ${status === "blocked" ? "bad" : "ok"}`}>{constructionStatusLabel(status)}</span>;
}

export function ReviewBadge({ status }: { status: string | null }) {
  if (!status) return <span className="badge muted">无记录</span>;
  return <span className={`badge ${status === "normal" ? "ok" : status === "deferred" ? "bad" : "warn"}`}>{reviewStatusLabel(status)}</span>;
}

export function SeverityBadge({ severity }: { severity: string }) {
  const cls = severity === "严重" ? "bad" : severity === "较重" ? "warn" : "";
  return <span className={`badge ${cls}`}>{severity || "—"}</span>;
}

/** An empty state that says why there is nothing and what to do about it. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <section className="empty-state" data-testid="empty-state">
      <h2>{title}</h2>
      {children}
    </section>
  );
}

/** Links to the years that have data, for an empty state. */
export function YearLinks({ years, href }: { years: number[]; href: (y: number) => string }) {
  if (years.length === 0) return null;
  return (
    <p className="year-links">
      有数据的年度：
      {years.map((y) => (
        <Link key={y} to={href(y)}>
          {y}年
        </Link>
      ))}
    </p>
  );
}

/** The data routes' ErrorBoundary: 404 and 503 say what happened in Chinese; anything else a generic sentence. */
export function DataErrorBoundary({ what }: { what: string }) {
  const error = useRouteError();
  if (isRouteErrorResponse(error)) {
    const message = typeof error.data === "string" && error.data ? error.data : null;
    if (error.status === 404) {
      return (
        <section className="error-state" data-testid="not-found">
          <h1>{what}不存在</h1>
          <p>{message ?? "找不到该记录。"}</p>
          <p>
            <Link to="/projects">查看项目列表</Link> · <Link to="/departments">查看单位列表</Link>
          </p>
        </section>
      );
    }
    if (error.status === 503) {
      return <WarehouseMissing message={message ?? "请先运行数据装载。"} />;
    }
    return (
      <section className="error-state">
        <h1>出错了（{error.status}）</h1>
        <p>{message ?? "请求无法完成。"}</p>
      </section>
    );
  }
  return (
    <section className="error-state">
      <h1>出错了</h1>
      <p>加载{what}时服务器发生错误，请稍后重试或联系管理员。</p>
    </section>
  );
}

/** The year field of a FilterBar. A URL without ?year= shows the default (latest) year, so that year is the field's
 *  empty choice ("2024年（最新）") and the select always names the year on screen; a year asked for that has no data
 *  is listed too, so the select never pretends to show another year. */
export function yearFilterField(
  choices: { year: number; label?: string }[],
  defaultYear: number | null,
  shownYear: number | null,
  missing = "无数据",
): FilterField {
  const options = choices
    .filter((c) => c.year !== defaultYear)
    .map((c) => ({ value: String(c.year), label: c.label ?? `${c.year}年` }));
  if (shownYear !== null && shownYear !== defaultYear && !choices.some((c) => c.year === shownYear)) {
    options.push({ value: String(shownYear), label: `${shownYear}年（${missing}）` });
  }
  options.sort((a, b) => Number(b.value) - Number(a.value));
  return {
    name: "year",
    label: "年度",
    options,
    allLabel: defaultYear !== null ? `${defaultYear}年（最新）` : undefined,
  };
}
