// Who may see what (issue: access control to 等保 2.0 level 2). Enforced on the server: every model query takes the
// caller's scope, and every route asks `requireUser(request, permission)`; the navigation only mirrors this.

export const ROLES = ["leader", "finance", "analyst", "department", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  leader: "市领导",
  finance: "财政",
  analyst: "分析员",
  department: "建设单位",
  admin: "系统管理员",
};

export type Permission = "read" | "data_status" | "export" | "admin";

// The matrix: leader — all read; finance — all read, exports of the finance relations; analyst — all read,
// all exports, data status; department — its own department's projects everywhere (read and export, scoped);
// admin — users, audit log and loads (data status), no dashboards.
const GRANTS: Record<Role, Permission[]> = {
  leader: ["read"],
  finance: ["read", "export"],
  analyst: ["read", "data_status", "export"],
  department: ["read", "export"],
  admin: ["data_status", "admin"],
};

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

export function isRole(v: unknown): v is Role {
  return typeof v === "string" && (ROLES as readonly string[]).includes(v);
}

export interface SessionUser {
  username: string;
  displayName: string;
  role: Role;
  /** Set for the department role: the only department whose projects this user may see. */
  deptCode: string | null;
}

/** The data scope every model query takes: null dept means all departments. */
export interface Scope {
  dept: string | null;
}

export function scopeOf(user: SessionUser): Scope {
  return { dept: user.role === "department" ? user.deptCode : null };
}

/** The relations the finance role may export ("finance pages and exports"): money, funds, allocation and the
 *  dimensions that label them. Everyone else with `export` may export every public relation (department: scoped). */
export const FINANCE_EXPORTS: readonly string[] = [
  "mart_project_year",
  "mart_fund_status",
  "mart_fund_events",
  "mart_allocation",
  "mart_allocation_duty",
  "mart_county_year",
  "mart_cloud_monthly",
  "dim_project",
  "dim_department",
  "dim_county",
  "meta_build",
];

/** Whether the role may export `relation` at all (before any scope is applied). */
export function mayExport(role: Role, relation: string): boolean {
  if (!can(role, "export")) return false;
  return role !== "finance" || FINANCE_EXPORTS.includes(relation);
}
