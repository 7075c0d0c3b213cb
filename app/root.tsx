import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { can, ROLE_LABELS, type Permission, type SessionUser } from "~/auth/roles";
import { getUser } from "~/auth/session.server";
import type { ReactNode } from "react";
import appCss from "~/styles/app.css";
import { useNonce } from "~/nonce";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: appCss },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "信管 · 绍兴市市级政务信息化项目绩效与合规" }];

/** The signed-in user (null on the sign-in page). The navigation below mirrors the server's rules — every route
 *  checks the role itself (requireUser) — so a role is not shown links it would only be refused. */
export async function loader({ request }: LoaderFunctionArgs) {
  return json({ user: await getUser(request) });
}

const NAV: { to: string; label: string; needs: Permission | "signed_in" }[] = [
  { to: "/", label: "概览", needs: "signed_in" },
  { to: "/performance", label: "年度绩效", needs: "read" },
  { to: "/projects", label: "项目", needs: "read" },
  { to: "/finance", label: "资金", needs: "read" },
  { to: "/compliance", label: "合规", needs: "read" },
  { to: "/departments", label: "单位", needs: "read" },
  { to: "/data", label: "数据", needs: "data_status" },
  { to: "/admin/users", label: "用户", needs: "admin" },
  { to: "/admin/audit", label: "审计", needs: "admin" },
];

function navFor(user: SessionUser | null) {
  if (!user) return [];
  return NAV.filter((n) => n.needs === "signed_in" || can(user.role, n.needs));
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const user = useRouteLoaderData<typeof loader>("root")?.user ?? null;
  return (
    <html lang="zh-CN">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <header className="topbar">
          <a className="brand" href="/">
            信管 <small>绍兴市市级政务信息化项目绩效与合规</small>
          </a>
          <nav>
            {navFor(user).map((n) => (
              <NavLink key={n.to} to={n.to} end={n.to === "/"} prefetch="intent">
                {n.label}
              </NavLink>
            ))}
          </nav>
          {user && (
            <div className="account" data-testid="account">
              <span>
                {user.displayName || user.username} · {ROLE_LABELS[user.role]}
              </span>
              <form method="post" action="/logout">
                <button type="submit" className="link">退出</button>
              </form>
            </div>
          )}
        </header>
        <main className="page">{children}</main>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  // Never show stack traces or SQL to users: a status and a sentence in Chinese.
  if (isRouteErrorResponse(error)) {
    return (
      <section className="error-state">
        <h1>{error.status === 404 ? "页面不存在" : `出错了（${error.status}）`}</h1>
        <p>{typeof error.data === "string" ? error.data : "请求无法完成。"}</p>
      </section>
    );
  }
  return (
    <section className="error-state">
      <h1>出错了</h1>
      <p>服务器处理请求时发生错误，请稍后重试或联系管理员。</p>
    </section>
  );
}
