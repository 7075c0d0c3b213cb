// 上一页 · 第 n / m 页 · 下一页 for a paged list whose page is in the URL; nothing when there is one page.
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

export function Pager({
  page,
  pages,
  href,
  preventScrollReset,
  children,
}: {
  page: number;
  pages: number;
  /** The URL of another page of the same list. */
  href: (page: number) => string;
  preventScrollReset?: boolean;
  /** What stands between the two links: the page numbers, or a sentence saying which page this is. */
  children: ReactNode;
}) {
  if (pages <= 1) return null;
  return (
    <nav className="pager" aria-label="分页">
      {page > 1 ? (
        <Link to={href(page - 1)} preventScrollReset={preventScrollReset}>
          上一页
        </Link>
      ) : (
        <span className="muted">上一页</span>
      )}
      {children}
      {page < pages ? (
        <Link to={href(page + 1)} preventScrollReset={preventScrollReset}>
          下一页
        </Link>
      ) : (
        <span className="muted">下一页</span>
      )}
    </nav>
  );
}
