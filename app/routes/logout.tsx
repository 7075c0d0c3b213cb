import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { recordAudit } from "~/auth/audit.server";
import { assertSameOrigin, clientIp, endSession, getUser } from "~/auth/session.server";

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const user = await getUser(request);
  if (user) recordAudit({ event: "sign_out", actor: user.username, role: user.role, ip: clientIp(request) });
  return redirect("/login", { headers: { "Set-Cookie": await endSession(request, "sign_out") } });
}

// Sign-out changes state, so it is a POST only; a GET is sent back to the start page.
export async function loader() {
  return redirect("/");
}
