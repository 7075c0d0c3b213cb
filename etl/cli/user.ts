// npm run user -- add --username NAME --role leader|finance|analyst|department|admin [--dept CODE] [--name 显示名]
// npm run user -- list | disable NAME | enable NAME
// Manages accounts in the companion store (app/auth/store.server.ts). The password is read from the environment
// variable XINGUAN_PASSWORD or prompted for, never taken on the command line (it would sit in shell history).
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { recordAudit } from "../../app/auth/audit.server.js";
import { ROLE_LABELS, isRole } from "../../app/auth/roles.js";
import { openAdminStore } from "../../app/auth/store.server.js";
import { createUser, listUsers, setDisabled, UserInputError } from "../../app/auth/users.server.js";
import { fail } from "./args.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    username: { type: "string" },
    role: { type: "string" },
    dept: { type: "string" },
    name: { type: "string" },
  },
});

async function readPassword(): Promise<string> {
  if (process.env.XINGUAN_PASSWORD) return process.env.XINGUAN_PASSWORD;
  if (!process.stdin.isTTY) fail("请通过环境变量 XINGUAN_PASSWORD 提供密码，或在终端中交互输入。");
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  const p = await rl.question("密码（至少 10 位，含大写、小写、数字、符号中的三类）：");
  rl.close();
  return p;
}

const [command, arg] = positionals;
const store = await openAdminStore().catch((e: Error) => fail(e.message, 1));
try {
  if (command === "add") {
    if (!values.username || !values.role) fail("用法：npm run user -- add --username NAME --role ROLE [--dept CODE] [--name 显示名]");
    if (!isRole(values.role)) fail(`未知角色 ${values.role}。可选：${Object.keys(ROLE_LABELS).join(", ")}`);
    await createUser(store.conn, {
      username: values.username,
      displayName: values.name ?? values.username,
      role: values.role,
      deptCode: values.dept ?? null,
      password: await readPassword(),
    });
    recordAudit({ event: "user_created", actor: process.env.USER ?? "cli", detail: { username: values.username, role: values.role, dept: values.dept ?? null, via: "cli" } });
    process.stderr.write(`已创建用户 ${values.username}（${ROLE_LABELS[values.role]}）\n`);
  } else if (command === "list") {
    for (const u of await listUsers(store.conn)) {
      process.stdout.write(`${u.username}\t${ROLE_LABELS[u.role]}\t${u.deptCode ?? ""}\t${u.disabled ? "已停用" : "正常"}${u.lockedUntil ? `\t锁定至 ${u.lockedUntil}` : ""}\n`);
    }
  } else if ((command === "disable" || command === "enable") && arg) {
    await setDisabled(store.conn, arg, command === "disable");
    recordAudit({ event: command === "disable" ? "user_disabled" : "user_enabled", actor: process.env.USER ?? "cli", detail: { username: arg, via: "cli" } });
    process.stderr.write(`用户 ${arg} 已${command === "disable" ? "停用" : "启用"}\n`);
  } else {
    fail("用法：npm run user -- add|list|disable NAME|enable NAME");
  }
} catch (err) {
  if (err instanceof UserInputError) fail(err.message);
  throw err;
} finally {
  store.close();
}
