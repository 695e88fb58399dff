import type { GraphQLSchema } from "graphql";
import { accessTable } from "../core/access";
import { schemaPositions } from "./access-guards";

/** Column titles of the README's access table: the positions, as the demo staff are named. */
const HEADERS: Record<string, string> = {
  SYSTEM_ADMINISTRATOR: "admin",
  HEAD_OFFICE_SENIOR: "senior",
  SUPERVISOR: "supervisor",
  MANAGER: "manager",
  REPRESENTATIVE: "representative",
  RISK_OFFICER: "risk",
  SECURITY_OFFICER: "security",
  TRAINER: "trainer",
  EQUIPMENT_ADMINISTRATOR: "equipment",
  FINANCE_APPROVER: "finance",
};

export const ACCESS_TABLE_START = "<!-- access-table:start (npm run access-table) -->";
export const ACCESS_TABLE_END = "<!-- access-table:end -->";

/** The read model as a markdown table, generated from the registered rules (the README carries it). */
export function accessModelMarkdown(schema: GraphQLSchema): string {
  const order = Object.keys(HEADERS);
  const positions = schemaPositions(schema).sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return accessTable(positions.map((name) => ({ name, header: HEADERS[name] ?? name })));
}

/** The README with its access table replaced by the generated one. */
export function withAccessTable(readme: string, table: string): string {
  const start = readme.indexOf(ACCESS_TABLE_START);
  const end = readme.indexOf(ACCESS_TABLE_END);
  if (start < 0 || end < start) throw new Error("README has no access-table markers");
  return `${readme.slice(0, start + ACCESS_TABLE_START.length)}\n${table}\n${readme.slice(end)}`;
}
