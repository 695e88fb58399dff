import { sql } from "drizzle-orm";
import type { Logger } from "pino";
import type { Config } from "../config";
import { departments, staff, teams, type DepartmentCodeName } from "../modules/organisation/organisation.table";
import type { PositionName } from "../core/viewer";
import { hashPassword } from "../modules/organisation/password";
import { seedDemoCustomers } from "../modules/customers/customer.seed";
import { seedDemoCertifications } from "../modules/training";
import { newId } from "../core/ids";
import type { Database } from "./client";

export const DEMO_DEPARTMENTS: { code: DepartmentCodeName; name: string; nameZh: string; responsibilities: string }[] = [
  {
    code: "CUSTOMER_SERVICE",
    name: "Customer Service",
    nameZh: "客户服务部",
    responsibilities: "Consultation, business handling, complaint handling and customer care.",
  },
  { code: "BUSINESS_DEVELOPMENT", name: "Business Development", nameZh: "业务发展部", responsibilities: "Products, marketing and new business." },
  { code: "TECHNICAL_SUPPORT", name: "Technical Support", nameZh: "技术支持部", responsibilities: "Systems, equipment support and information security." },
  { code: "HUMAN_RESOURCES", name: "Human Resources", nameZh: "人力资源部", responsibilities: "Staffing, training and development." },
  { code: "FINANCE", name: "Finance", nameZh: "财务部", responsibilities: "Budgets, approvals and accounting." },
  {
    code: "GENERAL_ADMINISTRATION",
    name: "General Administration",
    nameZh: "综合管理部",
    responsibilities: "Facilities, risk and compliance, administration.",
  },
];

export const DEMO_TEAMS: { department: DepartmentCodeName; name: string }[] = [
  { department: "CUSTOMER_SERVICE", name: "Counter Team" },
  { department: "CUSTOMER_SERVICE", name: "Phone Team" },
];

/** Demo staff; all sign in with the demo password (`demo12345` unless DEMO_PASSWORD is set). */
export const DEMO_STAFF: { username: string; displayName: string; position: PositionName; department: DepartmentCodeName; team?: string }[] = [
  { username: "admin", displayName: "System Administrator", position: "SYSTEM_ADMINISTRATOR", department: "TECHNICAL_SUPPORT" },
  { username: "senior", displayName: "Qian Head-Office Senior", position: "HEAD_OFFICE_SENIOR", department: "GENERAL_ADMINISTRATION" },
  { username: "supervisor", displayName: "Wang Supervisor", position: "SUPERVISOR", department: "CUSTOMER_SERVICE" },
  { username: "manager", displayName: "Li Manager", position: "MANAGER", department: "CUSTOMER_SERVICE", team: "Counter Team" },
  { username: "rep1", displayName: "Zhang Representative", position: "REPRESENTATIVE", department: "CUSTOMER_SERVICE", team: "Counter Team" },
  { username: "rep2", displayName: "Chen Representative", position: "REPRESENTATIVE", department: "CUSTOMER_SERVICE", team: "Phone Team" },
  { username: "risk", displayName: "Zhao Risk Officer", position: "RISK_OFFICER", department: "GENERAL_ADMINISTRATION" },
  { username: "security", displayName: "Sun Security Officer", position: "SECURITY_OFFICER", department: "TECHNICAL_SUPPORT" },
  { username: "trainer", displayName: "Zhou Trainer", position: "TRAINER", department: "HUMAN_RESOURCES" },
  { username: "equipment", displayName: "Wu Equipment Administrator", position: "EQUIPMENT_ADMINISTRATOR", department: "GENERAL_ADMINISTRATION" },
  { username: "finance", displayName: "Zheng Finance Approver", position: "FINANCE_APPROVER", department: "FINANCE" },
];

/** Seeds the organisation and demo logins on a fresh database (one with no departments yet). */
export async function seedDemoData(database: Database, config: Config, log: Logger): Promise<boolean> {
  if (config.nodeEnv === "production") throw new Error("Demo data is refused when NODE_ENV=production.");
  const [{ n }] = await database.query<{ n: number }>("select count(*)::int as n from departments");
  if (Number(n) > 0) return false;
  const hash = await hashPassword(config.demoPassword);
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`lock table departments in exclusive mode`);
    const counted = (await tx.execute(sql`select count(*)::int as again from departments`)) as unknown as { rows: { again: number }[] };
    const again = counted.rows[0].again;
    if (Number(again) > 0) return;
    const deptIds = new Map<string, string>();
    for (const d of DEMO_DEPARTMENTS) {
      const id = newId("dep");
      deptIds.set(d.code, id);
      await tx.insert(departments).values({ id, ...d });
    }
    const teamIds = new Map<string, string>();
    for (const t of DEMO_TEAMS) {
      const id = newId("tea");
      teamIds.set(t.name, id);
      await tx.insert(teams).values({ id, departmentId: deptIds.get(t.department)!, name: t.name });
    }
    const staffIds = new Map<string, string>();
    for (const s of DEMO_STAFF) {
      const id = newId("stf");
      staffIds.set(s.username, id);
      await tx.insert(staff).values({
        id,
        username: s.username,
        displayName: s.displayName,
        passwordHash: hash,
        position: s.position,
        departmentId: deptIds.get(s.department)!,
        teamId: s.team ? teamIds.get(s.team)! : null,
      });
    }
    await seedDemoCustomers(tx, config, staffIds.get("rep1")!);
    // Demo staff who do gated work hold the certifications it needs (chapter 9), so enforced kinds refuse nobody by surprise.
    await seedDemoCertifications(tx, staffIds, new Date());
  });
  log.info({ staff: DEMO_STAFF.length }, "demo data seeded");
  return true;
}
