// The ErrorBoundary of a page that reads the warehouse: the loader's own Chinese message when it threw a Response
// with one, otherwise a sentence saying what to do; then the links out. Never a stack trace.
import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { Fragment } from "react";

const READ_FAILED = "读取数据仓库时出错。请稍后重试；若问题持续，请到“数据”页查看最近一次数据构建，或联系系统管理员。";

export function PageErrorBoundary({
  title,
  fallback = READ_FAILED,
  links,
}: {
  title: string;
  fallback?: string;
  links: { to: string; label: string }[];
}) {
  const error = useRouteError();
  return (
    <section className="error-state">
      <h1>{title}</h1>
      <p>{isRouteErrorResponse(error) && typeof error.data === "string" ? error.data : fallback}</p>
      <p>
        {links.map((l, i) => (
          <Fragment key={l.to}>
            {i > 0 && " · "}
            <Link to={l.to}>{l.label}</Link>
          </Fragment>
        ))}
      </p>
    </section>
  );
}
