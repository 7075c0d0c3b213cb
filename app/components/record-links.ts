// The URLs of a project's dossier and a department's page, with the year to open them at when there is one.

export function projectHref(projectId: string, year?: number | string | null): string {
  const base = `/projects/${encodeURIComponent(projectId)}`;
  return year == null ? base : `${base}?year=${year}`;
}

export function departmentHref(deptCode: string, year?: number | string | null): string {
  const base = `/departments/${encodeURIComponent(deptCode)}`;
  return year == null ? base : `${base}?year=${year}`;
}
