// On sample data only: one demo account per role, with random passwords printed once to the terminal that ran
// `npm start`. Never on a real warehouse: there the first admin is created with `npm run user -- add`.
import { randomBytes } from "node:crypto";
import { recordAudit } from "../../app/auth/audit.server.js";
import { ROLE_LABELS, type Role } from "../../app/auth/roles.js";
import { openAdminStore } from "../../app/auth/store.server.js";
import { countUsers, createUser } from "../../app/auth/users.server.js";

function demoPassword(): string {
  // three character classes guaranteed, 16 random characters
  return `Xg-${randomBytes(12).toString("base64url")}9a`;
}

export async function seedDemoAccounts(departmentCode: string): Promise<void> {
  const store = await openAdminStore();
  try {
    if ((await countUsers(store.conn)) > 0) return;
    const accounts: { username: string; role: Role; dept: string | null }[] = [
      { username: "demo-admin", role: "admin", dept: null },
      { username: "demo-leader", role: "leader", dept: null },
      { username: "demo-finance", role: "finance", dept: null },
      { username: "demo-analyst", role: "analyst", dept: null },
      { username: "demo-dept", role: "department", dept: departmentCode },
    ];
    const lines: string[] = [];
    for (const a of accounts) {
      const password = demoPassword();
      await createUser(store.conn, { username: a.username, displayName: `演示·${ROLE_LABELS[a.role]}`, role: a.role, deptCode: a.dept, password });
      recordAudit({ event: "user_created", actor: "npm start (示例数据)", detail: { username: a.username, role: a.role, dept: a.dept, demo: true } });
      lines.push(`  ${a.username.padEnd(14)} ${password}   ${ROLE_LABELS[a.role]}${a.dept ? `（单位 ${a.dept}）` : ""}`);
    }
    process.stderr.write(
      `\n已为示例数据创建演示账户（密码只显示这一次，请妥善保存；正式使用前请停用并用 npm run user -- add 建立真实账户）：\n${lines.join("\n")}\n\n`,
    );
  } finally {
    store.close();
  }
}
