// GET /api/marts/:name?year=…&dept=…&format=arrow|parquet|csv|xlsx|json — the data API and every page's download
// link (docs/api.md). A resource route: no UI, the response is the file or a 400 with a Chinese message.
// Signed-in users with the export permission only; the role and the department scope are applied in exportRelation.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server";
import { exportRelation } from "~/export/export.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, "export");
  return exportRelation({ request, name: params.name ?? "", user });
}
