import type { TestServer } from "../../helpers/server";
import { ok } from "../incidents/fixtures";

export const DAY = 86_400_000;

export async function departmentOf(s: TestServer, token: string): Promise<string> {
  const r = await s.gql(`{ me { department { id } } }`, {}, token);
  return r.data.me.department.id;
}

let serial = 0;
/** A unique asset number for one test run. */
export const assetNo = (prefix = "QM") => `${prefix}-${process.pid}-${Date.now().toString(36)}-${++serial}`;

/** Registers a device directly (not through procurement); returns its id. */
export async function registered(s: TestServer, token: string, extra: Record<string, unknown> = {}): Promise<string> {
  const r = await ok(
    s,
    token,
    "equipmentRegister",
    {
      assetNumber: assetNo(),
      type: "QUEUE_MACHINE",
      model: "QM-200",
      departmentId: await departmentOf(s, token),
      site: "Main hall",
      supplier: "Acme",
      purchaseDate: new Date(s.clock.now().getTime() - DAY).toISOString(),
      purchasePrice: "12000.00",
      holdsData: true,
      ...extra,
    },
    "equipment { id }",
  );
  return r.equipment.id;
}

/** A walk-in ticket taken by `token`; returns the visit id. */
export async function visit(s: TestServer, token: string): Promise<string> {
  const t = await ok(s, token, "receptionTakeTicket", { channel: "COUNTER", businessType: "OTHER" }, "visit { id }");
  return t.visit.id;
}
