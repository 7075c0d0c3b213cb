import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { readAudit } from "~/auth/audit.server";
import { requireUser } from "~/auth/session.server";

const EVENT_LABELS: Record<string, string> = {
  sign_in: "登录成功",
  sign_in_failed: "登录失败",
  sign_in_locked: "账户锁定",
  sign_out: "退出登录",
  session_timeout: "会话超时",
  export: "数据导出",
  load: "数据装载",
  user_created: "新建用户",
  user_disabled: "停用用户",
  user_enabled: "启用用户",
  access_denied: "越权访问被拒",
};

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "admin");
  const event = new URL(request.url).searchParams.get("event") ?? undefined;
  return json({ entries: readAudit({ limit: 1000, event }) });
}

export default function AdminAudit() {
  const { entries } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>审计日志</h1>
      <p className="subtitle">只追加、不可在系统内修改；每行带校验码，系统外的改动会标为“校验失败”。最近 {entries.length} 条。<a href="/admin/audit.csv" download>导出全部（CSV）</a></p>
      <section className="card">
        <table className="data">
          <thead>
            <tr><th>时间</th><th>事件</th><th>用户</th><th>角色</th><th>来源地址</th><th>详情</th><th>校验</th></tr>
          </thead>
          <tbody>
            {entries.map((e, i) => (
              <tr key={i}>
                <td>{e.ts.replace("T", " ").slice(0, 19)}</td>
                <td>{EVENT_LABELS[e.event] ?? e.event}</td>
                <td>{e.actor}</td>
                <td>{e.role ?? "—"}</td>
                <td>{e.ip ?? "—"}</td>
                <td><code>{e.detail ? JSON.stringify(e.detail) : ""}</code></td>
                <td>{e.intact ? <span className="badge ok">完整</span> : <span className="badge bad">校验失败</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
