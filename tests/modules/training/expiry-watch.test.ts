import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../../src/core/ids";
import { runExpiryWatch } from "../../../src/modules/training";
import { type TestServer, startTestServer } from "../../helpers/server";
import { DAY, staffIdOf } from "./helpers";

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s?.close());

async function certification(username: string, expiresInDays: number): Promise<string> {
  const id = newId("crt");
  const now = s.clock.now().getTime();
  await s.database.query("insert into certifications (id, staff_id, kind, granted_at, expires_at) values ($1, $2, 'CASH_HANDLING', $3, $4)", [
    id,
    await staffIdOf(s, username),
    new Date(now - 300 * DAY),
    new Date(now + expiresInDays * DAY),
  ]);
  return id;
}

describe("the certification expiry watch", () => {
  it("when certifications expire within 30 days, then each is flagged once with an event; later or expired ones are not; a failing row is logged by id and code and retried next run", async () => {
    const soon = await certification("rep1", 10);
    const bad = await certification("rep2", 20);
    const later = await certification("manager", 45);
    const gone = await certification("supervisor", -1);
    await s.database.query(
      `create or replace function planted_cert() returns trigger language plpgsql as $$ begin if old.id = '${bad}' then raise exception 'planted failure'; end if; return new; end $$`,
    );
    await s.database.query("create trigger planted_cert before update on certifications for each row execute function planted_cert()");
    const lines: Record<string, unknown>[] = [];
    const log = { warn: (obj: object) => void lines.push({ ...obj }) } as never;
    expect(await runExpiryWatch({ database: s.database, hub: s.app.hub, clock: s.clock, log })).toBe(1);
    expect(lines).toEqual([{ job: "certification-expiry-watch", rowId: bad, code: "P0001" }]);
    await s.database.query("drop trigger planted_cert on certifications");
    expect(await runExpiryWatch(s.app)).toBe(1);
    expect(await runExpiryWatch(s.app)).toBe(0);
    const flagged = await s.database.query<{ entity_id: string }>("select entity_id from events where kind = 'CERTIFICATION_EXPIRING' order by seq");
    expect(flagged.map((r) => r.entity_id)).toEqual([soon, bad]);
    expect(flagged.map((r) => r.entity_id)).not.toContain(later);
    expect(flagged.map((r) => r.entity_id)).not.toContain(gone);
  });
});
