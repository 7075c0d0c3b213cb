// What a page says when it cannot show data: the whole warehouse is missing (a 503 from the loader), or one section's
// query could not run because a table is missing — never "nothing to report" in either case.
import { Link } from "@remix-run/react";

export function WarehouseMissing({ message }: { message: string | null }) {
  return (
    <section className="empty-state">
      <h1>数据仓库尚未建立</h1>
      <p>{message}</p>
    </section>
  );
}

/** A section whose query could not run. `as` keeps the element each page has always used. */
export function QueryUnavailable({ what, as: Box = "section" }: { what: string; as?: "section" | "div" }) {
  return (
    <Box className="empty-state">
      <p>{what}暂无法显示：当前数据仓库缺少所需数据表。请重新构建数据仓库后再查看。</p>
    </Box>
  );
}

/** The banner over a page some of whose relations are missing from the warehouse. */
export function MissingRelationsBanner({ relations, consequence = "" }: { relations: readonly string[]; consequence?: string }) {
  if (relations.length === 0) return null;
  return (
    <div className="banner bad" role="alert">
      当前数据仓库缺少 {relations.join("、")}，相关部分暂无法显示{consequence}。请联系数据管理员重新构建数据仓库（见<Link to="/data">数据页</Link>）。
    </div>
  );
}
