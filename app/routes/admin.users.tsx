import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { recordAudit } from "~/auth/audit.server";
import { ROLE_LABELS, ROLES, isRole } from "~/auth/roles";
import { assertSameOrigin, clientIp, requireUser } from "~/auth/session.server";
import { getAdminStore } from "~/auth/store.server";
import { createUser, listUsers, setDisabled, UserInputError } from "~/auth/users.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "admin");
  const { conn } = await getAdminStore();
  return json({ users: await listUsers(conn) });
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const admin = await requireUser(request, "admin");
  const form = await request.formData();
  const intent = String(form.get("intent"));
  const { conn } = await getAdminStore();
  const ip = clientIp(request);
  try {
    if (intent === "create") {
      const role = String(form.get("role"));
      if (!isRole(role)) throw new UserInputError(`未知角色：${role}`);
      const username = String(form.get("username") ?? "").trim();
      const dept = String(form.get("dept") ?? "").trim() || null;
      await createUser(conn, {
        username,
        displayName: String(form.get("displayName") ?? "").trim(),
        role,
        deptCode: dept,
        password: String(form.get("password") ?? ""),
      });
      recordAudit({ event: "user_created", actor: admin.username, role: admin.role, ip, detail: { username, role, dept } });
      return json({ ok: `已创建用户 ${username}` });
    }
    if (intent === "disable" || intent === "enable") {
      const username = String(form.get("username"));
      if (username === admin.username) throw new UserInputError("不能停用自己的账户");
      await setDisabled(conn, username, intent === "disable");
      recordAudit({ event: intent === "disable" ? "user_disabled" : "user_enabled", actor: admin.username, role: admin.role, ip, detail: { username } });
      return json({ ok: `用户 ${username} 已${intent === "disable" ? "停用" : "启用"}` });
    }
    return json({ error: "未知操作" }, { status: 400 });
  } catch (err) {
    if (err instanceof UserInputError) return json({ error: err.message }, { status: 400 });
    throw err;
  }
}

export default function AdminUsers() {
  const { users } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <h1>用户管理</h1>
      <p className="subtitle">
        账户存放在独立的账户库中，不随数据仓库更换。<a href="/admin/audit">查看审计日志</a>
      </p>
      {result && "ok" in result && <p className="banner ok">{result.ok}</p>}
      {result && "error" in result && <p className="banner bad" role="alert">{result.error}</p>}
      <section className="card">
        <table className="data">
          <thead>
            <tr><th>用户名</th><th>显示名</th><th>角色</th><th>单位代码</th><th>状态</th><th>创建时间</th><th /></tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.username}>
                <td>{u.username}</td>
                <td>{u.displayName}</td>
                <td>{ROLE_LABELS[u.role]}</td>
                <td>{u.deptCode ?? "—"}</td>
                <td>
                  {u.disabled ? <span className="badge bad">已停用</span> : u.lockedUntil ? <span className="badge warn">锁定至 {u.lockedUntil}</span> : <span className="badge ok">正常</span>}
                </td>
                <td>{u.createdAt}</td>
                <td>
                  <Form method="post">
                    <input type="hidden" name="username" value={u.username} />
                    <button type="submit" name="intent" value={u.disabled ? "enable" : "disable"} className="link-button">
                      {u.disabled ? "启用" : "停用"}
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card">
        <h2>新建用户</h2>
        <Form method="post" className="filter-bar">
          <input type="hidden" name="intent" value="create" />
          <label>用户名 <input name="username" required /></label>
          <label>显示名 <input name="displayName" /></label>
          <label>
            角色
            <select name="role">{ROLES.map((r) => <option key={r} value={r}>{ROLE_LABELS[r]}</option>)}</select>
          </label>
          <label>单位代码（建设单位角色必填） <input name="dept" /></label>
          <label>初始密码 <input name="password" type="password" required autoComplete="new-password" /></label>
          <button type="submit" className="primary">创建</button>
        </Form>
      </section>
    </>
  );
}
