// A table cell's project: its name linking to the dossier, its id underneath.
import { Link } from "@remix-run/react";
import { projectHref } from "./record-links";

export function ProjectCell({ projectId, name, year }: { projectId: string; name: string; year?: number | null }) {
  return (
    <>
      <Link to={projectHref(projectId, year)}>{name}</Link>
      <div className="muted small">{projectId}</div>
    </>
  );
}
