import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flagOverdueMaintenance } from "../../../src/modules/equipment/maintenance-overdue.job";
import { type TestServer, startTestServer } from "../../helpers/server";
import { count, mutate, ok, staffId } from "../incidents/fixtures";
import { DAY, assetNo, departmentOf, visit } from "./fixtures";

let s: TestServer;
let equipment: string, finance: string, senior: string, rep1: string, supervisor: string, security: string;

beforeAll(async () => {
  // Requests above 50,000.00 need a second approver.
  s = await startTestServer({ env: { PROCUREMENT_SECOND_APPROVAL_FEN: "5000000" } });
  [equipment, finance, senior, rep1, supervisor, security] = await Promise.all(
    ["equipment", "finance", "senior", "rep1", "supervisor", "security"].map((u) => s.login(u)),
  );
});
afterAll(() => s?.close());

/** Moves the clock and signs everyone in again (tokens last hours; the story spans years). */
async function advance(ms: number) {
  s.clock.advance(ms);
  [equipment, rep1, supervisor, security] = await Promise.all(["equipment", "rep1", "supervisor", "security"].map((u) => s.login(u)));
}

const REQUEST = "request { id status needsSecondApproval receivedQuantity registeredQuantity firstApprover { username } secondApprover { username } }";
const FAULT =
  "fault { id status equipment { status } receptionException { id kind linkedType linkedId equipmentFault { id } } emergencyIncident { id type level status equipmentFaults { id equipment { assetNumber } } links { linkedType linkedId } } }";

describe("equipment from purchase to scrapping (设施设备管理)", () => {
  it("when a queue machine is bought, maintained, breaks, is repaired and years later scrapped with its wipe recorded, then every step is on record and linked", async () => {
    // Bought: request, finance approval (two approvers above the threshold), order, partial and final receipt.
    const req = await ok(
      s,
      equipment,
      "procurementRequest",
      { item: "Queue machine QM-200", equipmentType: "QUEUE_MACHINE", quantity: 2, estimatedCost: "60000.00", reason: "Second hall opens" },
      REQUEST,
    );
    const requestId = req.request.id;
    expect(req.request).toMatchObject({ status: "REQUESTED", needsSecondApproval: true });
    const first = await ok(s, finance, "procurementApprove", { requestId }, REQUEST);
    expect(first.request).toMatchObject({ status: "AWAITING_SECOND_APPROVAL", firstApprover: { username: "finance" } });
    expect((await mutate(s, finance, "procurementApprove", { requestId })).code).toBe("MAKER_CHECKER");
    const second = await ok(s, senior, "procurementApprove", { requestId }, REQUEST);
    expect(second.request).toMatchObject({ status: "APPROVED", secondApprover: { username: "senior" } });
    await ok(s, equipment, "procurementOrder", { requestId, supplier: "Acme Queueing Ltd", orderReference: "PO-2026-001" }, REQUEST);
    const part = await ok(s, equipment, "procurementReceive", { requestId, quantity: 1, note: "First crate" }, REQUEST);
    expect(part.request).toMatchObject({ status: "PARTIALLY_RECEIVED", receivedQuantity: 1 });
    const over = await mutate(s, equipment, "procurementReceive", { requestId, quantity: 2 });
    expect(over.code).toBe("RECEIPT_EXCEEDS_ORDER");
    expect(await count(s, "equipment_procurement_receipts where request_id = $1", [requestId])).toBe(1);
    const full = await ok(s, equipment, "procurementReceive", { requestId, quantity: 1 }, REQUEST);
    expect(full.request).toMatchObject({ status: "RECEIVED", receivedQuantity: 2 });

    // Registered with its asset number, from the procurement (supplier and purchase date follow it).
    const assetNumber = assetNo();
    const reg = await ok(
      s,
      equipment,
      "equipmentRegister",
      {
        assetNumber,
        type: "QUEUE_MACHINE",
        model: "QM-200",
        departmentId: await departmentOf(s, rep1),
        site: "Main hall",
        purchasePrice: "30000.00",
        holdsData: true,
        procurementRequestId: requestId,
      },
      "equipment { id status supplier purchasePriceFen nextMaintenanceDueAt }",
    );
    const equipmentId = reg.equipment.id;
    expect(reg.equipment).toMatchObject({ status: "IN_SERVICE", supplier: "Acme Queueing Ltd", purchasePriceFen: "30000.00", nextMaintenanceDueAt: null });
    expect(await count(s, "equipment_procurement_requests where id = $1 and registered_quantity = 1", [requestId])).toBe(1);

    // Maintained on schedule: a 90-day plan, overdue flagged once by the watch, then the scheduled maintenance.
    await ok(
      s,
      equipment,
      "maintenancePlanSet",
      { equipmentType: "QUEUE_MACHINE", intervalDays: 90, checklist: "Clean printer head; test touch screen" },
      "plan { id }",
    );
    await advance(91 * DAY);
    const due = await s.gql(`{ maintenanceDue(first: 50, withinDays: 0) { nodes { id maintenanceOverdue } } }`, {}, equipment);
    expect(due.data.maintenanceDue.nodes).toContainEqual({ id: equipmentId, maintenanceOverdue: true });
    expect(await flagOverdueMaintenance(s.app)).toBeGreaterThanOrEqual(1);
    expect(await count(s, "events where topic = 'EQUIPMENT' and kind = 'MAINTENANCE_OVERDUE' and entity_id = $1", [equipmentId])).toBe(1);
    await flagOverdueMaintenance(s.app);
    expect(await count(s, "events where topic = 'EQUIPMENT' and kind = 'MAINTENANCE_OVERDUE' and entity_id = $1", [equipmentId])).toBe(1);
    const future = await mutate(s, equipment, "equipmentMaintenanceRecord", {
      equipmentId,
      kind: "SCHEDULED",
      performedAt: new Date(s.clock.now().getTime() + 3_600_000).toISOString(),
      work: "Quarterly service",
      cost: "0",
    });
    expect(future.code).toBe("DATE_IN_FUTURE");
    expect(await count(s, "equipment_maintenance_records where equipment_id = $1", [equipmentId])).toBe(0);
    const serviced = await ok(
      s,
      equipment,
      "equipmentMaintenanceRecord",
      {
        equipmentId,
        kind: "SCHEDULED",
        performedAt: new Date(s.clock.now().getTime() - 3_600_000).toISOString(),
        work: "Quarterly service",
        parts: ["Paper roll"],
        cost: "150.50",
        downtimeMinutes: 30,
      },
      "record { costFen downtimeMinutes performedBy { username } } equipment { status maintenanceOverdue overdueFlaggedAt }",
    );
    expect(serviced.record).toEqual({ costFen: "150.50", downtimeMinutes: 30, performedBy: { username: "equipment" } });
    expect(serviced.equipment).toEqual({ status: "IN_SERVICE", maintenanceOverdue: false, overdueFlaggedAt: null });

    // Breaks while rep1 serves a customer: a reception exception and a system-outage incident, linked all ways.
    const visitId = await visit(s, rep1);
    const broke = await ok(s, rep1, "equipmentFaultReport", { equipmentId, description: "Touch screen dead", visitId, raiseIncidentLevel: "III" }, FAULT);
    const fault = broke.fault;
    expect(fault.status).toBe("OPEN");
    expect(fault.equipment.status).toBe("FAULTY");
    expect(fault.receptionException).toMatchObject({ kind: "SYSTEM_FAILURE", linkedType: "EMERGENCY_INCIDENT", linkedId: fault.emergencyIncident.id });
    expect(fault.receptionException.equipmentFault).toEqual({ id: fault.id });
    expect(fault.emergencyIncident).toMatchObject({ type: "SYSTEM_OUTAGE", level: "III", status: "REPORTED" });
    expect(fault.emergencyIncident.equipmentFaults).toEqual([{ id: fault.id, equipment: { assetNumber } }]);
    expect(fault.emergencyIncident.links).toEqual(
      expect.arrayContaining([
        { linkedType: "OTHER", linkedId: fault.id },
        { linkedType: "RECEPTION_EXCEPTION", linkedId: fault.receptionException.id },
      ]),
    );
    // The supervisor's incident board shows the equipment.
    const board = await s.gql(
      `query($id: ID!) { node(id: $id) { ... on EmergencyIncident { equipmentFaults { equipment { assetNumber status } } } } }`,
      { id: fault.emergencyIncident.id },
      supervisor,
    );
    expect(board.data.node.equipmentFaults).toEqual([{ equipment: { assetNumber, status: "FAULTY" } }]);

    // Repaired: corrective maintenance closes the fault; downtime runs from the report to the repair.
    await advance(2 * 3_600_000);
    const repaired = await ok(
      s,
      equipment,
      "equipmentMaintenanceRecord",
      {
        equipmentId,
        kind: "CORRECTIVE",
        performedAt: s.clock.now().toISOString(),
        work: "Replaced touch panel",
        parts: ["Touch panel"],
        cost: "800",
        faultId: fault.id,
      },
      "record { downtimeMinutes fault { status repairedAt } } equipment { status }",
    );
    expect(repaired.record).toMatchObject({ downtimeMinutes: 120, fault: { status: "REPAIRED" } });
    expect(repaired.equipment.status).toBe("IN_SERVICE");
    const from = new Date(s.clock.now().getTime() - 10 * DAY).toISOString();
    const to = new Date(s.clock.now().getTime() + DAY).toISOString();
    const perDevice = await s.gql(
      `query($from: DateTime!, $to: DateTime!) { equipmentDowntime(from: $from, to: $to, groupBy: DEVICE) { equipment { id } site minutes records } }`,
      { from, to },
      supervisor,
    );
    expect(perDevice.data.equipmentDowntime).toContainEqual({ equipment: { id: equipmentId }, site: "Main hall", minutes: 150, records: 2 });
    const perSite = await s.gql(
      `query($from: DateTime!, $to: DateTime!) { equipmentDowntime(from: $from, to: $to, groupBy: SITE, site: "Main hall") { equipment { id } site minutes } }`,
      { from, to },
      supervisor,
    );
    expect(perSite.data.equipmentDowntime).toHaveLength(1);
    expect(perSite.data.equipmentDowntime[0].minutes).toBeGreaterThanOrEqual(150);

    // Years later: scrapped (request, approval by a second person, data wipe with a witness, disposal).
    await advance(6 * 365 * DAY);
    const sr = await ok(s, equipment, "equipmentScrapRequest", { equipmentId, reason: "End of life" }, "scrapRequest { id status }");
    const scrapRequestId = sr.scrapRequest.id;
    expect((await mutate(s, equipment, "equipmentScrapApprove", { scrapRequestId })).code).toBe("MAKER_CHECKER");
    await ok(s, supervisor, "equipmentScrapApprove", { scrapRequestId }, "scrapRequest { status }");
    const noWipe = await mutate(s, equipment, "equipmentScrapDispose", { scrapRequestId, disposalMethod: "Certified recycler" });
    expect(noWipe.code).toBe("DATA_WIPE_REQUIRED");
    expect(await count(s, "equipment where id = $1 and status = 'IN_SERVICE'", [equipmentId])).toBe(1);
    const wiped = await ok(
      s,
      security,
      "equipmentScrapRecordWipe",
      { scrapRequestId, method: "Secure erase of the storage card", wipedAt: s.clock.now().toISOString(), witnessId: await staffId(s, equipment) },
      "scrapRequest { wipeMethod wipedBy { username } wipeWitness { username } wipedAt }",
    );
    expect(wiped.scrapRequest).toMatchObject({
      wipeMethod: "Secure erase of the storage card",
      wipedBy: { username: "security" },
      wipeWitness: { username: "equipment" },
    });
    const disposed = await ok(
      s,
      equipment,
      "equipmentScrapDispose",
      { scrapRequestId, disposalMethod: "Certified recycler" },
      "scrapRequest { status equipment { status scrappedAt nextMaintenanceDueAt } }",
    );
    expect(disposed.scrapRequest.status).toBe("DISPOSED");
    expect(disposed.scrapRequest.equipment).toMatchObject({ status: "SCRAPPED", nextMaintenanceDueAt: null });
    expect((await mutate(s, rep1, "equipmentFaultReport", { equipmentId, description: "x" })).code).toBe("INVALID_STATE_TRANSITION");
  });
});
