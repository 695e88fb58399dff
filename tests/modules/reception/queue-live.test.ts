import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, collect, startTestServer } from "../../helpers/server";

interface Picture {
  receptionQueueLive: { servingCount: number; lines: { businessType: string; waitingCount: number; priorityWaitingCount: number }[] };
}
const LIVE = "subscription { receptionQueueLive { servingCount lines { businessType waitingCount priorityWaitingCount } } }";
const waitingFor = (p: Picture, type: string) => p.receptionQueueLive.lines.find((l) => l.businessType === type)!.waitingCount;

describe("receptionQueueLive", () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s?.close());

  it("when a supervisor watches the queue and a ticket is taken, then the first picture comes at once and a new one shows the ticket waiting", async () => {
    const supervisor = await s.login("supervisor");
    const rep1 = await s.login("rep1");
    const live = collect<Picture>(s.wsClient(supervisor), LIVE);
    const [first] = await live.waitFor(1);
    const before = waitingFor(first, "DEPOSIT");
    const r = await s.gql(
      `mutation($i: ReceptionTakeTicketInput!) { receptionTakeTicket(input: $i) { visit { id } userErrors { code } } }`,
      { i: { channel: "COUNTER", businessType: "DEPOSIT" } },
      rep1,
    );
    expect(r.data.receptionTakeTicket.userErrors).toEqual([]);
    const pictures = await live.waitFor(2, 15_000);
    expect(waitingFor(pictures[1], "DEPOSIT")).toBe(before + 1);
    live.dispose();
  });

  it("when a position that may not read visits subscribes, then it is refused with FORBIDDEN and receives nothing", async () => {
    const live = collect<Picture>(s.wsClient(await s.login("trainer")), LIVE);
    await live.waitFor(1, 10_000).catch(() => undefined);
    expect(live.received).toEqual([]);
    expect(JSON.stringify(live.errors)).toContain("FORBIDDEN");
  });
});
