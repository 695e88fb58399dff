import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Arg, Authorized, Ctx, Field, InputType, Mutation, ObjectType, Resolver } from "type-graphql";
import { requireCertification } from "../../../src/core/certification";
import type { Context } from "../../../src/core/context";
import { defineModule } from "../../../src/core/module";
import { appModules } from "../../../src/modules";
import { runExpiryWatch } from "../../../src/modules/training";
import { runMutation } from "../../../src/shared/mutation";
import { MutationPayload } from "../../../src/shared/payload";
import { type TestServer, startTestServer } from "../../helpers/server";
import { DAY, courseWithSession, mutate, newRepresentative, ok } from "./helpers";

// A tiny module standing in for a precious-metals trade (chapter 4.5, built elsewhere): its one
// procedure is gated on the PRECIOUS_METALS certification and imports nothing of training. Decorators
// are applied as plain calls (test files are not compiled with decorator support).
class GatedTradeInput {
  item: string;
}
Field(() => String, { description: "What is traded." })(GatedTradeInput.prototype, "item");
InputType({ description: "A test trade." })(GatedTradeInput);

class GatedTradePayload extends MutationPayload {
  traded: string | null;
}
Field(() => String, { nullable: true, description: "What was traded." })(GatedTradePayload.prototype, "traded");
ObjectType({ description: "Result of a test trade." })(GatedTradePayload);

class GatedTradeResolver {
  gatedTrade(ctx: Context, input: GatedTradeInput) {
    return runMutation(ctx, { action: "test.gatedTrade", input }, async (m) => {
      await requireCertification(m.tx, m.actorId, "PRECIOUS_METALS", m.now);
      return { traded: input.item };
    });
  }
}
{
  const proto = GatedTradeResolver.prototype;
  const method = Object.getOwnPropertyDescriptor(proto, "gatedTrade")!;
  Ctx()(proto, "gatedTrade", 0);
  Arg("input", () => GatedTradeInput, { description: "The trade." })(proto, "gatedTrade", 1);
  Mutation(() => GatedTradePayload, { description: "A trade gated on the precious-metals certification (test only)." })(proto, "gatedTrade", method);
  Authorized()(proto, "gatedTrade", method);
  Resolver()(GatedTradeResolver);
}

const gatedModule = defineModule({ name: "gatedTrade", needs: [], resolvers: [GatedTradeResolver], nodeKinds: {}, jobs: [], topics: [], api: {} });

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ modules: [...appModules, gatedModule] });
});
afterAll(async () => {
  await s?.close();
});

async function trade(token: string) {
  const r = await s.gql(
    `mutation($i: GatedTradeInput!) { gatedTrade(input: $i) { traded userErrors { code message field } } }`,
    { i: { item: "Gold bar 50 g" } },
    token,
  );
  expect(r.errors).toBeUndefined();
  return r.data.gatedTrade as { traded: string | null; userErrors: { code: string; message: string }[] };
}

describe("certifications gate business (chapter 9)", () => {
  it("when a member without the precious-metals certification trades, then CERTIFICATION_REQUIRED; after passing the course's assessment, then allowed; once expired, refused again", async () => {
    await newRepresentative(s, "rep3");
    let rep3 = await s.login("rep3");
    let trainer = await s.login("trainer");
    const refused = await trade(rep3);
    expect(refused.traded).toBeNull();
    expect(refused.userErrors[0]).toMatchObject({ code: "CERTIFICATION_REQUIRED" });
    expect(refused.userErrors[0].message).toContain("PRECIOUS_METALS");
    // The seeded demo representative holds it: existing work is not refused by installing training.
    expect((await trade(await s.login("rep1"))).traded).toBe("Gold bar 50 g");

    const { sessionId } = await courseWithSession(s, trainer, "PM-101");
    const enrolled = await ok(s, rep3, "trainingEnrol", { sessionId }, "enrolment { id status }");
    expect(enrolled.enrolment.status).toBe("ENROLLED");
    const enrolmentId = enrolled.enrolment.id;

    s.clock.advance(DAY + 3600_000);
    [rep3, trainer] = [await s.login("rep3"), await s.login("trainer")];
    await ok(s, trainer, "trainingAttendanceRecord", { enrolmentId, attendance: "PRESENT" }, "enrolment { attendance }");
    const passed = await ok(
      s,
      trainer,
      "trainingAssessmentRecord",
      { enrolmentId, score: 85 },
      "enrolment { score passed } certification { id kind expiresAt valid holder { username } }",
    );
    expect(passed.enrolment).toEqual({ score: 85, passed: true });
    expect(passed.certification).toMatchObject({ kind: "PRECIOUS_METALS", valid: true, holder: { username: "rep3" } });
    const expiresAt = new Date(passed.certification.expiresAt);
    const twelveMonths = new Date(s.clock.now());
    twelveMonths.setUTCMonth(twelveMonths.getUTCMonth() + 12);
    expect(Math.abs(expiresAt.getTime() - twelveMonths.getTime())).toBeLessThan(4 * DAY);

    expect((await trade(rep3)).traded).toBe("Gold bar 50 g");
    const events = await s.database.query<{ kind: string }>("select kind from events where topic = 'TRAINING' and entity_id = $1", [passed.certification.id]);
    expect(events.map((e) => e.kind)).toEqual(["CERTIFICATION_GRANTED"]);

    // 20 days before expiry the watch flags it once and raises an event; a second run flags nothing.
    s.clock.set(new Date(expiresAt.getTime() - 20 * DAY));
    expect(await runExpiryWatch(s.app)).toBeGreaterThanOrEqual(1);
    expect(await runExpiryWatch(s.app)).toBe(0);
    const flagged = await s.database.query<{ kind: string }>("select kind from events where topic = 'TRAINING' and entity_id = $1 order by seq", [
      passed.certification.id,
    ]);
    expect(flagged.map((e) => e.kind)).toEqual(["CERTIFICATION_GRANTED", "CERTIFICATION_EXPIRING"]);
    rep3 = await s.login("rep3");
    const soon = await s.gql(`{ certifications(filterBy: { expiringSoon: true }) { totalCount nodes { id expiringFlaggedAt } } }`, {}, rep3);
    expect(soon.data.certifications.totalCount).toBe(1);
    expect(soon.data.certifications.nodes[0].id).toBe(passed.certification.id);
    expect(soon.data.certifications.nodes[0].expiringFlaggedAt).not.toBeNull();

    s.clock.set(new Date(expiresAt.getTime() + 1000));
    rep3 = await s.login("rep3");
    const expired = await trade(rep3);
    expect(expired.userErrors[0].code).toBe("CERTIFICATION_REQUIRED");
    expect(expired.userErrors[0].message).toContain("expired");
  });

  it("when the administrator stops enforcing a kind, then the gate lets members through; others may not change it", async () => {
    await newRepresentative(s, "rep4");
    const rep4 = await s.login("rep4");
    expect((await trade(rep4)).userErrors[0].code).toBe("CERTIFICATION_REQUIRED");
    const byTrainer = await mutate(
      s,
      await s.login("trainer"),
      "certificationRequirementSet",
      { kind: "PRECIOUS_METALS", enforced: false },
      "requirement { kind }",
    );
    expect(byTrainer.topCode).toBe("FORBIDDEN");
    const admin = await s.login("admin");
    const off = await ok(s, admin, "certificationRequirementSet", { kind: "PRECIOUS_METALS", enforced: false }, "requirement { kind enforced }");
    expect(off.requirement).toEqual({ kind: "PRECIOUS_METALS", enforced: false });
    expect((await trade(rep4)).traded).toBe("Gold bar 50 g");
    const list = await s.gql(`{ certificationRequirements { kind enforced } }`, {}, rep4);
    expect(list.data.certificationRequirements).toContainEqual({ kind: "LOAN_APPROVAL", enforced: true });
    expect(list.data.certificationRequirements).toContainEqual({ kind: "PRECIOUS_METALS", enforced: false });
    await ok(s, admin, "certificationRequirementSet", { kind: "PRECIOUS_METALS", enforced: true }, "requirement { kind }");
    expect((await trade(rep4)).userErrors[0].code).toBe("CERTIFICATION_REQUIRED");
  });
});
