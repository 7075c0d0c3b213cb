// The caller's data scope, applied in SQL: every page query (queries/pages/*.sql) takes `$scope_dept` (NULL = every
// department) and filters each relation that can reveal a project or a department by it. A model reads the
// warehouse only through `scopedReader`, which binds the scope into every page query and refuses to run one that
// does not take it — so a new query cannot silently ignore the scope (test/app/access-scope.test.ts checks the files).
import type { Params, WarehouseReader } from "~/db.server";
import type { Scope } from "~/auth/roles";

export type { Scope } from "~/auth/roles";

/** Everything: for code that is not serving a signed-in caller (tests of the pages' numbers, the CLI). */
export const ALL_DEPARTMENTS: Scope = Object.freeze({ dept: null });

export function scopedReader(db: WarehouseReader, scope: Scope): WarehouseReader {
  return {
    identity: db.identity,
    query(name: string, params?: Params) {
      if (name.startsWith("pages/") && params && "scope_dept" in params) throw new Error(`${name}: scope_dept is bound by the scope, not by the caller`);
      return db.query(name, { ...(params ?? {}), scope_dept: scope.dept });
    },
  };
}

/** The cache key part of a scope: cached page views are kept per scope. */
export function scopeKey(scope: Scope): string {
  return scope.dept === null ? "*" : `dept:${scope.dept}`;
}

/** The department filter a page runs with: for a scoped caller always its own department — an explicit `dept=` for
 *  another department is refused (403), never silently widened or replaced. */
export function scopedDept(scope: Scope, dept: string | null): string | null {
  if (scope.dept === null) return dept;
  if (dept !== null && dept !== scope.dept) throw new Response("您只能查看本单位的项目数据。", { status: 403 });
  return scope.dept;
}
