import type { LinksFunction, MetaFunction } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
} from "@remix-run/react";
import type { ReactNode } from "react";
import appCss from "~/styles/app.css";
import { useNonce } from "~/nonce";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: appCss },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "信管 · 绍兴市市级政务信息化项目绩效与合规" }];

const NAV: { to: string; label: string }[] = [
  { to: "/", label: "概览" },
  { to: "/performance", label: "年度绩效" },
  { to: "/finance", label: "资金" },
  { to: "/compliance", label: "合规" },
  { to: "/departments", label: "单位" },
  { to: "/data", label: "数据" },
];

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
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
            {NAV.map((n) => (
              <NavLink key={n.to} to={n.to} end={n.to === "/"} prefetch="intent">
                {n.label}
              </NavLink>
            ))}
          </nav>
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
