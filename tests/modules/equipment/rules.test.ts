import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../../helpers/server";
import { count, mutate, ok, staffId } from "../incidents/fixtures";
import { DAY, assetNo, departmentOf, registered, visit } from "./fixtures";

let s: TestServer;
let equipment: string, finance: string, rep1: string, supervisor: string;

beforeAll(async () => {
  s = await startTestServer();
  [equipment, finance, rep1, supervisor] = await Promise.all(["equipment", "finance", "rep1", "supervisor"].map((u) => s.login(u)));
});
afterAll(() => s?.close());

const request = (extra: Record<string, unknown> = {}) =>
  ok(
    s,
    equipment,
    "procurementRequest",
    { item: "Printer", equipmentType: "PRINTER", quantity: 3, estimatedCost: "9000.00", reason: "Old ones fail", ...extra },
    "request { id status }",
  );

describe("equipment rules: who may act, bad input, nothing written", () => {
  it("when procurement input is bad, out of order or by the wrong position, then it is refused with a code and nothing is written", async () => {
    const before = await count(s, "equipment_procurement_requests");
    expect((await mutate(s, rep1, "procurementRequest", { item: "x", equipmentType: "PC", quantity: 1, estimatedCost: "1.00", reason: "x" })).topCode).toBe(
      "FORBIDDEN",
    );
    expect((await mutate(s, equipment, "procurementRequest", { item: "x", equipmentType: "PC", quantity: 0, estimatedCost: "1.00", reason: "x" })).code).toBe(
      "BAD_USER_INPUT",
    );
    expect((await mutate(s, equipment, "procurementRequest", { item: "x", equipmentType: "PC", quantity: 1, estimatedCost: "1.001", reason: "x" })).code).toBe(
      "AMOUNT_TOO_PRECISE",
    );
    expect(await count(s, "equipment_procurement_requests")).toBe(before);
    // Below the threshold one finance approval suffices.
    const r = (await request()).request.id;
    expect((await mutate(s, equipment, "procurementApprove", { requestId: r })).topCode).toBe("FORBIDDEN");
    expect((await mutate(s, equipment, "procurementReceive", { requestId: r, quantity: 1 })).code).toBe("INVALID_STATE_TRANSITION");
    expect((await ok(s, finance, "procurementApprove", { requestId: r }, "request { status needsSecondApproval }")).request).toEqual({
      status: "APPROVED",
      needsSecondApproval: false,
    });
    expect((await mutate(s, finance, "procurementApprove", { requestId: r })).code).toBe("INVALID_STATE_TRANSITION");
    // Registering from a request before anything was received is refused.
    const dept = await departmentOf(s, equipment);
    const fromRequest = { assetNumber: assetNo("PR"), type: "PRINTER", model: "P1", departmentId: dept, site: "Hall", purchasePrice: "3000", holdsData: false };
    expect((await mutate(s, equipment, "equipmentRegister", { ...fromRequest, procurementRequestId: r })).code).toBe("CONFLICT");
    await ok(s, equipment, "procurementOrder", { requestId: r, supplier: "Acme", orderReference: "PO-1" }, "request { id }");
    await ok(s, equipment, "procurementReceive", { requestId: r, quantity: 3 }, "request { id }");
    expect((await mutate(s, equipment, "procurementReceive", { requestId: r, quantity: 1 })).code).toBe("INVALID_STATE_TRANSITION");
    expect((await mutate(s, equipment, "equipmentRegister", { ...fromRequest, type: "PC", procurementRequestId: r })).code).toBe("BAD_USER_INPUT");
    expect(await count(s, "equipment where procurement_request_id = $1", [r])).toBe(0);
    // Rejection needs a reason; a rejected request is final.
    const r2 = (await request()).request.id;
    expect((await mutate(s, finance, "procurementReject", { requestId: r2, reason: " " })).code).toBe("BAD_USER_INPUT");
    await ok(s, finance, "procurementReject", { requestId: r2, reason: "No budget" }, "request { id }");
    expect((await mutate(s, equipment, "procurementOrder", { requestId: r2, supplier: "Acme", orderReference: "PO-2" })).code).toBe("INVALID_STATE_TRANSITION");
  });

  it("when registration or maintenance input is bad or comes from the wrong position, then a coded userError or FORBIDDEN and nothing is written", async () => {
    const dept = await departmentOf(s, equipment);
    const input = {
      assetNumber: assetNo("PC"),
      type: "PC",
      model: "Desk",
      departmentId: dept,
      site: "Office",
      supplier: "Acme",
      purchaseDate: new Date(s.clock.now().getTime() - DAY).toISOString(),
      purchasePrice: "4000",
      holdsData: true,
    };
    expect((await mutate(s, rep1, "equipmentRegister", input)).topCode).toBe("FORBIDDEN");
    expect((await mutate(s, equipment, "equipmentRegister", { ...input, purchaseDate: new Date(s.clock.now().getTime() + DAY).toISOString() })).code).toBe(
      "DATE_IN_FUTURE",
    );
    expect((await mutate(s, equipment, "equipmentRegister", { ...input, purchasePrice: "-1" })).code).toBe("AMOUNT_NOT_POSITIVE");
    expect(await count(s, "equipment where asset_number = $1", [input.assetNumber])).toBe(0);
    const id = (await ok(s, equipment, "equipmentRegister", input, "equipment { id }")).equipment.id;
    expect((await mutate(s, equipment, "equipmentRegister", input)).code).toBe("DUPLICATE");
    expect((await mutate(s, rep1, "maintenancePlanSet", { equipmentType: "PC", intervalDays: 30, checklist: "x" })).topCode).toBe("FORBIDDEN");
    expect((await mutate(s, equipment, "maintenancePlanSet", { equipmentType: "PC", intervalDays: 0, checklist: "x" })).code).toBe("BAD_USER_INPUT");
    const record = { equipmentId: id, kind: "SCHEDULED", performedAt: s.clock.now().toISOString(), work: "Clean", cost: "0" };
    expect((await mutate(s, rep1, "equipmentMaintenanceRecord", record)).topCode).toBe("FORBIDDEN");
    expect((await mutate(s, equipment, "equipmentMaintenanceRecord", { ...record, cost: "1.999" })).code).toBe("AMOUNT_TOO_PRECISE");
    expect((await mutate(s, equipment, "equipmentMaintenanceRecord", { ...record, faultId: "eqflt_00000000000000000000000000" })).code).toBe("BAD_USER_INPUT");
    expect((await mutate(s, equipment, "equipmentMaintenanceRecord", { ...record, equipmentId: "eqp_00000000000000000000000000" })).code).toBe("NOT_FOUND");
    expect(await count(s, "equipment_maintenance_records where equipment_id = $1", [id])).toBe(0);
    const begun = await ok(s, equipment, "equipmentMaintenanceBegin", { equipmentId: id }, "equipment { status }");
    expect(begun.equipment.status).toBe("UNDER_MAINTENANCE");
    expect((await mutate(s, equipment, "equipmentMaintenanceBegin", { equipmentId: id })).code).toBe("INVALID_STATE_TRANSITION");
    const back = await ok(s, equipment, "equipmentMaintenanceRecord", record, "equipment { status }");
    expect(back.equipment.status).toBe("IN_SERVICE");
  });

  it("when a fault on equipment not serving customers asks for an exception or incident, or a second fault is reported, then it is refused and nothing is written", async () => {
    const pc = await registered(s, equipment, { type: "PC", assetNumber: assetNo("PC") });
    const refused = await mutate(s, rep1, "equipmentFaultReport", { equipmentId: pc, description: "Dead", raiseIncidentLevel: "IV" });
    expect(refused.code).toBe("NOT_CUSTOMER_FACING");
    expect(await count(s, "equipment_faults where equipment_id = $1", [pc])).toBe(0);
    expect(await count(s, "equipment where id = $1 and status = 'IN_SERVICE'", [pc])).toBe(1);
    const atm = await registered(s, equipment, { type: "ATM", assetNumber: assetNo("ATM") });
    const incidents = await count(s, "emergency_incidents");
    // Finance does not serve at reception: raising an exception on a visit is theirs to refuse, and nothing stays.
    const v = await visit(s, rep1);
    expect(
      (await mutate(s, finance, "equipmentFaultReport", { equipmentId: atm, description: "Card stuck", visitId: v, raiseIncidentLevel: "III" })).topCode,
    ).toBe("FORBIDDEN");
    expect(await count(s, "emergency_incidents")).toBe(incidents);
    expect(await count(s, "equipment_faults where equipment_id = $1", [atm])).toBe(0);
    await ok(s, finance, "equipmentFaultReport", { equipmentId: atm, description: "Card stuck" }, "fault { id }");
    expect((await mutate(s, rep1, "equipmentFaultReport", { equipmentId: atm, description: "Again" })).code).toBe("DUPLICATE");
    expect(await count(s, "equipment_faults where equipment_id = $1", [atm])).toBe(1);
  });

  it("when scrapping is asked of the wrong person, a wipe is bad or a device without data is disposed of, then the rules hold", async () => {
    const printer = await registered(s, equipment, { type: "PRINTER", holdsData: false, assetNumber: assetNo("PR") });
    expect((await mutate(s, rep1, "equipmentScrapRequest", { equipmentId: printer, reason: "Old" })).topCode).toBe("FORBIDDEN");
    const id = (await ok(s, equipment, "equipmentScrapRequest", { equipmentId: printer, reason: "Old" }, "scrapRequest { id }")).scrapRequest.id;
    expect((await mutate(s, equipment, "equipmentScrapRequest", { equipmentId: printer, reason: "Again" })).code).toBe("DUPLICATE");
    expect((await mutate(s, rep1, "equipmentScrapApprove", { scrapRequestId: id })).topCode).toBe("FORBIDDEN");
    const witness = await staffId(s, supervisor);
    const wipe = { scrapRequestId: id, method: "Erase", wipedAt: s.clock.now().toISOString(), witnessId: witness };
    expect((await mutate(s, equipment, "equipmentScrapRecordWipe", wipe)).code).toBe("INVALID_STATE_TRANSITION");
    expect((await mutate(s, equipment, "equipmentScrapDispose", { scrapRequestId: id, disposalMethod: "Recycler" })).code).toBe("INVALID_STATE_TRANSITION");
    await ok(s, finance, "equipmentScrapApprove", { scrapRequestId: id }, "scrapRequest { id }");
    expect((await mutate(s, equipment, "equipmentScrapRecordWipe", wipe)).code).toBe("BAD_USER_INPUT");
    const done = await ok(s, equipment, "equipmentScrapDispose", { scrapRequestId: id, disposalMethod: "Recycler" }, "scrapRequest { status wipedAt }");
    expect(done.scrapRequest).toEqual({ status: "DISPOSED", wipedAt: null });

    const pc = await registered(s, equipment, { type: "PC", holdsData: true, assetNumber: assetNo("PC") });
    const pcReq = (await ok(s, equipment, "equipmentScrapRequest", { equipmentId: pc, reason: "Old" }, "scrapRequest { id }")).scrapRequest.id;
    expect((await mutate(s, supervisor, "equipmentScrapReject", { scrapRequestId: pcReq, reason: "" })).code).toBe("BAD_USER_INPUT");
    await ok(s, supervisor, "equipmentScrapApprove", { scrapRequestId: pcReq }, "scrapRequest { id }");
    const self = { scrapRequestId: pcReq, method: "Degauss", wipedAt: s.clock.now().toISOString(), witnessId: await staffId(s, equipment) };
    expect((await mutate(s, equipment, "equipmentScrapRecordWipe", self)).code).toBe("BAD_USER_INPUT");
    const future = { ...self, witnessId: witness, wipedAt: new Date(s.clock.now().getTime() + DAY).toISOString() };
    expect((await mutate(s, equipment, "equipmentScrapRecordWipe", future)).code).toBe("DATE_IN_FUTURE");
    expect((await mutate(s, rep1, "equipmentScrapRecordWipe", { ...self, witnessId: witness })).topCode).toBe("FORBIDDEN");
    expect(await count(s, "equipment_scrap_requests where id = $1 and wiped_at is null", [pcReq])).toBe(1);
    expect((await mutate(s, equipment, "equipmentScrapDispose", { scrapRequestId: pcReq, disposalMethod: "Recycler" })).code).toBe("DATA_WIPE_REQUIRED");
    expect(await count(s, "equipment where id = $1 and status <> 'SCRAPPED'", [pc])).toBe(1);
  });
});
