import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { recordAudit } from "~/auth/audit.server";
import { assertSameOrigin, clientIp, getUser, startSession } from "~/auth/session.server";
import { getAdminStore } from "~/auth/store.server";
import { LOCKOUT_MINUTES, signIn } from "~/auth/users.server";

/** Only local paths: `next` must never send a user to another site. */
function safeNext(v: FormDataEntryValue | string | null): string {
  const s = typeof v === "string" ? v : "";
  return s.startsWith("/") && !s.startsWith("//") && !s.startsWith("/\\") ? s : "/";
}

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect(safeNext(new URL(request.url).searchParams.get("next")));
  return json({});
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const form = await request.formData();
  const username = String(form.get("username") ?? "").trim();
  const password = String(form.get("password") ?? "");
  const ip = clientIp(request);
  const { conn } = await getAdminStore();
  const result = await signIn(conn, username, password);
  if (!result.ok) {
    recordAudit({ event: result.reason === "locked" ? "sign_in_locked" : "sign_in_failed", actor: username || "(空)", ip, detail: { reason: result.reason } });
    const message =
      result.reason === "locked"
        ? `连续登录失败次数过多，账户已锁定 ${LOCKOUT_MINUTES} 分钟，请稍后再试或联系管理员。`
        : result.reason === "disabled"
          ? "该账户已停用，请联系管理员。"
          : "用户名或密码错误。";
    return json({ error: message }, { status: 401 });
  }
  recordAudit({ event: "sign_in", actor: result.user.username, role: result.user.role, ip });
  return redirect(safeNext(form.get("next")), { headers: { "Set-Cookie": await startSession(request, result.user) } });
}

export default function Login() {
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <section className="login card">
      <h1>登录信管</h1>
      <p className="subtitle">绍兴市市级政务信息化项目绩效与合规看板</p>
      {params.get("expired") && <p className="banner warn">会话已超时，请重新登录。</p>}
      {data && "error" in data && <p className="banner bad" role="alert">{data.error}</p>}
      <Form method="post">
        <input type="hidden" name="next" value={params.get("next") ?? "/"} />
        <label>
          用户名
          <input name="username" autoComplete="username" required autoFocus />
        </label>
        <label>
          密码
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        <button type="submit">登录</button>
      </Form>
    </section>
  );
}
