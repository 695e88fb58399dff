import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../../helpers/server";

let s: TestServer;
const tokens: Record<string, string> = {};
const as = (user: string) => tokens[user];

const REGISTER = `mutation($input: CustomerRegisterInput!) { customerRegister(input: $input) {
  customer { id fullName idNumber mobile address birthYear sex tier } userErrors { field message code } replayed } }`;
const CONSENT = [{ purpose: "SERVICE", scope: "Account services", channel: "COUNTER" }];
const SEARCH = `query($f: CustomerFilter) { customers(filterBy: $f) { totalCount nodes { id fullName idNumber mobile address } } }`;

async function register(user: string, input: Record<string, unknown>) {
  const r = await s.gql(REGISTER, { input: { fullName: "测试客户", consents: CONSENT, ...input } }, as(user));
  expect(r.errors).toBeUndefined();
  return r.data.customerRegister;
}

async function count(table: string): Promise<number> {
  const [row] = await s.database.query<{ n: number }>(`select count(*)::int as n from ${table}`);
  return Number(row.n);
}

beforeAll(async () => {
  s = await startTestServer();
  for (const u of ["rep1", "rep2", "manager", "supervisor", "risk", "security", "admin", "trainer"]) tokens[u] = await s.login(u);
});
afterAll(() => s?.close());

describe("customer registration (客户信息采集与录入)", () => {
  it("when rep1 registers a customer with a valid ID number, then the profile is returned masked with birth year and sex derived", async () => {
    const ok = await register("rep1", { fullName: "赵磊", idNumber: "45010219780815201x", mobile: "138 0000 1111", address: "广西南宁市青秀区民族大道1号" });
    expect(ok.userErrors).toEqual([]);
    expect(ok.customer).toMatchObject({
      fullName: "赵磊",
      idNumber: "450102********201X",
      mobile: "138****1111",
      address: "广西南宁市青****",
      birthYear: 1978,
      sex: "MALE",
      tier: "REGULAR",
    });
  });

  it("when the ID number is already registered (even typed with a lower-case x), then DUPLICATE is answered without naming the customer and nothing is written", async () => {
    const before = await count("customers");
    const r = await register("rep2", { fullName: "冒名者", idNumber: "11010519491231002x" });
    expect(r.customer).toBeNull();
    expect(r.userErrors).toEqual([{ field: ["idNumber"], code: "DUPLICATE", message: expect.any(String) }]);
    expect(r.userErrors[0].message).not.toMatch(/王芳|cus_/);
    expect(await count("customers")).toBe(before);
  });

  it.each([
    [{ idNumber: "110105194912310021" }, "idNumber", /check digit/],
    [{ idNumber: "110105194902300020" }, "idNumber", /real date/],
    [{ idNumber: "1101051949123100" }, "idNumber", /18 characters/],
    [{ idNumber: "370202198808085056", mobile: "23812345678" }, "mobile", /11 digits/],
    [{ idNumber: "370202198808085056", fullName: "   " }, "fullName", /empty/],
    [{ idNumber: "370202198808085056", fullName: "x".repeat(101) }, "fullName", /at most/],
    [{ idNumber: "370202198808085056", consents: [] }, "consents", /consent/],
    [{ idNumber: "E1234567", idType: "PASSPORT" }, "birthDate", /birthDate/],
  ])("when the input is %o, then BAD_USER_INPUT names %s and nothing is written", async (input, field, message) => {
    const before = await count("customers");
    const r = await register("rep1", input);
    expect(r.customer).toBeNull();
    expect(r.userErrors[0]).toMatchObject({ code: "BAD_USER_INPUT", field: [field] });
    expect(r.userErrors[0].message).toMatch(message);
    expect(await count("customers")).toBe(before);
  });

  it("when a passport holder is registered with birth date and sex, then they are kept", async () => {
    const r = await register("rep1", { fullName: "John Smith", idType: "PASSPORT", idNumber: "e98765432", birthDate: "1980-02-29", sex: "MALE" });
    expect(r.userErrors).toEqual([]);
    expect(r.customer).toMatchObject({ idNumber: "E****5432", birthYear: 1980, sex: "MALE" });
  });

  it.each(["trainer", "risk", "security"])("when %s tries to register a customer, then the answer is FORBIDDEN", async (user) => {
    const r = await s.gql(REGISTER, { input: { fullName: "X", idNumber: "630104199501050030", consents: CONSENT } }, as(user));
    expect(r.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });

  it("when a registration is retried with the same idempotency key, then the first result is replayed and one customer exists", async () => {
    const input = { fullName: "重试", idNumber: "630104199501050030", consents: CONSENT, idempotencyKey: "reg-retry-0001" };
    const a = await s.gql(REGISTER, { input }, as("rep1"));
    const b = await s.gql(REGISTER, { input }, as("rep1"));
    expect(b.data.customerRegister.replayed).toBe(true);
    expect(b.data.customerRegister.customer.id).toBe(a.data.customerRegister.customer.id);
  });
});

describe("confidentiality (客户信息保密)", () => {
  const ROLES = ["rep1", "rep2", "manager", "supervisor", "risk", "security", "admin"];

  it.each(ROLES)("when %s finds a customer by exact ID number, then every protected field is masked", async (user) => {
    const r = await s.gql(SEARCH, { f: { idNumber: "11010519491231002X" } }, as(user));
    expect(r.errors).toBeUndefined();
    expect(r.data.customers.nodes).toEqual([
      { id: expect.any(String), fullName: "王芳", idNumber: "110105********002X", mobile: "138****5678", address: "北京市朝阳区****" },
    ]);
  });

  it("when a trainer searches customers, then the answer is FORBIDDEN", async () => {
    const r = await s.gql(SEARCH, { f: {} }, as("trainer"));
    expect(r.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });

  it("when the raw tables are read after registration, change and reveal, then no plaintext ID number, mobile or address is in them", async () => {
    const reg = await register("rep1", {
      fullName: "钱明",
      idNumber: "220104196611203018",
      mobile: "13655557777",
      address: "吉林省长春市朝阳区人民大街5号",
      idempotencyKey: "plain-check-0001",
    });
    const id = reg.customer.id;
    await s.gql(
      `mutation($i: CustomerUpdateInput!) { customerUpdate(input: $i) { userErrors { code } } }`,
      { i: { customerId: id, mobile: "13699998888", address: "吉林省长春市南关区新地址9号" } },
      as("rep1"),
    );
    await s.gql(
      `mutation($i: CustomerRevealFieldInput!) { customerRevealField(input: $i) { value } }`,
      { i: { customerId: id, field: "MOBILE", purpose: "IDENTITY_CHECK", purposeDetail: "Customer called about a card", idempotencyKey: "reveal-plain-01" } },
      as("supervisor"),
    );
    const dump = JSON.stringify(
      await Promise.all(
        ["customers", "customer_changes", "customer_consents", "customer_data_access", "audit_log", "idempotency_keys"].map((t) =>
          s.database.query(`select * from ${t}`),
        ),
      ),
      (_k, v) => (typeof v === "bigint" ? v.toString() : v),
    );
    for (const secret of ["220104196611203018", "19661120", "13655557777", "13699998888", "人民大街5号", "新地址9号"]) expect(dump).not.toContain(secret);
    expect(dump).toContain("220104********3018");
  });

  it("when rep1 asks to unmask a field, then the answer is FORBIDDEN and no access record is written", async () => {
    const [c] = await s.database.query<{ id: string }>("select id from customers where full_name = '王芳'");
    const before = await count("customer_data_access");
    const r = await s.gql(
      `mutation($i: CustomerRevealFieldInput!) { customerRevealField(input: $i) { value } }`,
      { i: { customerId: c.id, field: "ID_NUMBER", purpose: "IDENTITY_CHECK", purposeDetail: "Checking the card" } },
      as("rep1"),
    );
    expect(r.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect(await count("customer_data_access")).toBe(before);
  });

  it("when the supervisor unmasks the ID number with a purpose, then the value is shown and exactly one access-audit row names who, which field, why", async () => {
    const [c] = await s.database.query<{ id: string }>("select id from customers where full_name = '王芳'");
    const before = await count("customer_data_access");
    const r = await s.gql(
      `mutation($i: CustomerRevealFieldInput!) { customerRevealField(input: $i) { value birthDate field access { field purpose purposeDetail staff { username } customer { fullName } } userErrors { code } } }`,
      { i: { customerId: c.id, field: "ID_NUMBER", purpose: "COMPLAINT_INVESTIGATION", purposeDetail: "Complaint about a disputed withdrawal" } },
      as("supervisor"),
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.customerRevealField).toMatchObject({
      value: "11010519491231002X",
      birthDate: "1949-12-31",
      field: "ID_NUMBER",
      access: {
        field: "ID_NUMBER",
        purpose: "COMPLAINT_INVESTIGATION",
        purposeDetail: "Complaint about a disputed withdrawal",
        staff: { username: "supervisor" },
        customer: { fullName: "王芳" },
      },
    });
    expect(await count("customer_data_access")).toBe(before + 1);
    const rows = await s.database.query<{ staff_id: string; field: string }>("select staff_id, field from customer_data_access where customer_id = $1", [c.id]);
    expect(rows).toHaveLength(1);
    const log = await s.gql(
      `query($id: ID!) { customerDataAccessLog(filterBy: { customerId: $id }) { nodes { field purpose staff { username } } } }`,
      { id: c.id },
      as("security"),
    );
    expect(log.data.customerDataAccessLog.nodes).toEqual([{ field: "ID_NUMBER", purpose: "COMPLAINT_INVESTIGATION", staff: { username: "supervisor" } }]);
    const denied = await s.gql(`query { customerDataAccessLog { totalCount } }`, {}, as("rep1"));
    expect(denied.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });

  it("when the purpose is missing or too short, then BAD_USER_INPUT and no access record", async () => {
    const [c] = await s.database.query<{ id: string }>("select id from customers where full_name = '李伟'");
    const before = await count("customer_data_access");
    const r = await s.gql(
      `mutation($i: CustomerRevealFieldInput!) { customerRevealField(input: $i) { value userErrors { code field } } }`,
      { i: { customerId: c.id, field: "MOBILE", purpose: "RISK_REVIEW", purposeDetail: "  " } },
      as("risk"),
    );
    expect(r.data.customerRevealField).toEqual({ value: null, userErrors: [{ code: "BAD_USER_INPUT", field: ["purposeDetail"] }] });
    expect(await count("customer_data_access")).toBe(before);
  });

  it("when the access log is tampered with, then the database refuses", async () => {
    await expect(s.database.query("delete from customer_data_access")).rejects.toThrow(/append-only/);
    await expect(s.database.query("update customer_changes set new_masked = 'x'")).rejects.toThrow(/append-only/);
  });
});

describe("profile changes, identity verification, consent", () => {
  let id: string;
  beforeAll(async () => {
    const r = await register("rep1", { fullName: "孙丽", idNumber: "510107197211050780", mobile: "13511112222" });
    id = r.customer.id;
  });

  it("when rep1 changes the mobile and tier, then the history keeps old and new values, masked", async () => {
    const r = await s.gql(
      `mutation($i: CustomerUpdateInput!) { customerUpdate(input: $i) { customer { mobile tier history { nodes { field oldValue newValue reason changedBy { username } } } } userErrors { code } } }`,
      { i: { customerId: id, mobile: "13533334444", tier: "GOLD", reason: "Customer request" } },
      as("rep1"),
    );
    expect(r.data.customerUpdate.userErrors).toEqual([]);
    expect(r.data.customerUpdate.customer.mobile).toBe("135****4444");
    // Both changes carry the same time; their order within it is not defined.
    const history = [...r.data.customerUpdate.customer.history.nodes].sort((a, b) => a.field.localeCompare(b.field));
    expect(history).toEqual([
      { field: "MOBILE", oldValue: "135****2222", newValue: "135****4444", reason: "Customer request", changedBy: { username: "rep1" } },
      { field: "TIER", oldValue: "REGULAR", newValue: "GOLD", reason: "Customer request", changedBy: { username: "rep1" } },
    ]);
  });

  it("when nothing would change or the mobile is malformed, then BAD_USER_INPUT and no history row", async () => {
    const before = await count("customer_changes");
    const same = await s.gql(
      `mutation($i: CustomerUpdateInput!) { customerUpdate(input: $i) { userErrors { code field } } }`,
      { i: { customerId: id, tier: "GOLD" } },
      as("rep1"),
    );
    expect(same.data.customerUpdate.userErrors[0].code).toBe("BAD_USER_INPUT");
    const bad = await s.gql(
      `mutation($i: CustomerUpdateInput!) { customerUpdate(input: $i) { userErrors { code field } } }`,
      { i: { customerId: id, mobile: "12345" } },
      as("rep1"),
    );
    expect(bad.data.customerUpdate.userErrors).toEqual([{ code: "BAD_USER_INPUT", field: ["mobile"] }]);
    expect(await count("customer_changes")).toBe(before);
  });

  it("when rep2 (who never served the customer) tries to change or see it, then it is not found, but an exact ID search finds it", async () => {
    const r = await s.gql(
      `mutation($i: CustomerUpdateInput!) { customerUpdate(input: $i) { userErrors { code } } }`,
      { i: { customerId: id, occupation: "Chef" } },
      as("rep2"),
    );
    expect(r.data.customerUpdate.userErrors[0].code).toBe("NOT_FOUND");
    const one = await s.gql(`query($id: ID!) { customer(id: $id) { id } node(id: $id) { id } }`, { id }, as("rep2"));
    expect(one.data).toEqual({ customer: null, node: null });
    const list = await s.gql(SEARCH, { f: { name: "孙丽" } }, as("rep2"));
    expect(list.data.customers.totalCount).toBe(0);
    const exact = await s.gql(SEARCH, { f: { idNumber: "510107197211050780" } }, as("rep2"));
    expect(exact.data.customers.nodes.map((n: { id: string }) => n.id)).toEqual([id]);
    const manager = await s.gql(SEARCH, { f: { name: "孙丽" } }, as("manager"));
    expect(manager.data.customers.totalCount).toBe(1);
  });

  it("when rep1 verifies the identity, then who, how and when are recorded", async () => {
    const r = await s.gql(
      `mutation($i: CustomerVerifyIdentityInput!) { customerVerifyIdentity(input: $i) { customer { identityVerifiedAt identityVerificationMethod identityVerifiedBy { username } } userErrors { code } } }`,
      { i: { customerId: id, method: "ID_CARD_READER" } },
      as("rep1"),
    );
    expect(r.data.customerVerifyIdentity.customer).toEqual({
      identityVerifiedAt: s.clock.now().toISOString(),
      identityVerificationMethod: "ID_CARD_READER",
      identityVerifiedBy: { username: "rep1" },
    });
    const missing = await s.gql(
      `mutation($i: CustomerVerifyIdentityInput!) { customerVerifyIdentity(input: $i) { userErrors { code field } } }`,
      { i: { customerId: "cus_00000000000000000000000000", method: "ID_CARD_READER" } },
      as("rep1"),
    );
    expect(missing.data.customerVerifyIdentity.userErrors).toEqual([{ code: "NOT_FOUND", field: ["customerId"] }]);
    const denied = await s.gql(
      `mutation($i: CustomerVerifyIdentityInput!) { customerVerifyIdentity(input: $i) { userErrors { code } } }`,
      { i: { customerId: id, method: "ID_CARD_READER" } },
      as("security"),
    );
    expect(denied.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });

  it("when a consent is recorded and withdrawn, then it shows as withdrawn, and a second withdrawal is a CONFLICT", async () => {
    const rec = await s.gql(
      `mutation($i: CustomerConsentRecordInput!) { customerConsentRecord(input: $i) { consent { id purpose channel active } userErrors { code } } }`,
      { i: { customerId: id, purpose: "MARKETING", scope: "Product news by SMS", channel: "APP" } },
      as("rep1"),
    );
    const consent = rec.data.customerConsentRecord.consent;
    expect(consent).toMatchObject({ purpose: "MARKETING", channel: "APP", active: true });
    const W = `mutation($i: CustomerConsentWithdrawInput!) { customerConsentWithdraw(input: $i) { consent { active withdrawalReason withdrawnAt } userErrors { code field } } }`;
    const w = await s.gql(W, { i: { consentId: consent.id, reason: "No more SMS" } }, as("rep1"));
    expect(w.data.customerConsentWithdraw.consent).toMatchObject({ active: false, withdrawalReason: "No more SMS" });
    const again = await s.gql(W, { i: { consentId: consent.id, reason: "again" } }, as("rep1"));
    expect(again.data.customerConsentWithdraw.userErrors[0].code).toBe("CONFLICT");
    const empty = await s.gql(W, { i: { consentId: consent.id, reason: "" } }, as("rep1"));
    expect(empty.data.customerConsentWithdraw.userErrors[0]).toEqual({ code: "BAD_USER_INPUT", field: ["reason"] });
    const denied = await s.gql(W, { i: { consentId: consent.id, reason: "x" } }, as("risk"));
    expect(denied.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const badScope = await s.gql(
      `mutation($i: CustomerConsentRecordInput!) { customerConsentRecord(input: $i) { userErrors { code field } } }`,
      { i: { customerId: id, purpose: "MARKETING", scope: "", channel: "APP" } },
      as("rep1"),
    );
    expect(badScope.data.customerConsentRecord.userErrors).toEqual([{ code: "BAD_USER_INPUT", field: ["consent.scope"] }]);
    const list = await s.gql(`query($id: ID!) { customer(id: $id) { consents { purpose active } } }`, { id }, as("rep1"));
    expect(list.data.customer.consents).toEqual([
      { purpose: "SERVICE", active: true },
      { purpose: "MARKETING", active: false },
    ]);
  });
});

describe("customer search", () => {
  it("when searching by masked suffix, exact mobile, tier and name, then the matching customers come back", async () => {
    const suffix = await s.gql(SEARCH, { f: { numberSuffix: "002x" } }, as("supervisor"));
    expect(suffix.data.customers.nodes.map((n: { fullName: string }) => n.fullName)).toContain("王芳");
    const mobile = await s.gql(SEARCH, { f: { mobile: "13912345678" } }, as("rep2"));
    expect(mobile.data.customers.nodes.map((n: { fullName: string }) => n.fullName)).toEqual(["李伟"]);
    const tier = await s.gql(SEARCH, { f: { tier: "PLATINUM" } }, as("risk"));
    expect(tier.data.customers.nodes.map((n: { fullName: string }) => n.fullName)).toEqual(["张敏"]);
    const name = await s.gql(SEARCH, { f: { name: "王" } }, as("rep1"));
    expect(name.data.customers.nodes.map((n: { fullName: string }) => n.fullName)).toEqual(["王芳"]);
    const bad = await s.gql(SEARCH, { f: { numberSuffix: "12345" } }, as("rep1"));
    expect(bad.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  });
});

describe("every customer mutation refuses the wrong positions", () => {
  it.each([
    ["customerUpdate", "CustomerUpdateInput", { occupation: "Chef" }],
    ["customerVerifyIdentity", "CustomerVerifyIdentityInput", { method: "DOCUMENT_INSPECTION" }],
    ["customerConsentRecord", "CustomerConsentRecordInput", { purpose: "MARKETING", scope: "SMS", channel: "APP" }],
    ["customerRevealField", "CustomerRevealFieldInput", { field: "ADDRESS", purpose: "RISK_REVIEW", purposeDetail: "Looking around" }],
  ])("when a trainer calls %s, then FORBIDDEN and nothing is written", async (name, type, input) => {
    const [c] = await s.database.query<{ id: string }>("select id from customers where full_name = '张敏'");
    const audits = await count("audit_log");
    const r = await s.gql(`mutation($i: ${type}!) { ${name}(input: $i) { userErrors { code } } }`, { i: { customerId: c.id, ...input } }, as("trainer"));
    expect(r.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect(await count("audit_log")).toBe(audits);
  });

  it("when an unmasked read is retried with the same idempotency key, then the value is shown again under the one access record", async () => {
    const [c] = await s.database.query<{ id: string }>("select id from customers where full_name = '张敏'");
    const before = await count("customer_data_access");
    const input = {
      customerId: c.id,
      field: "ADDRESS",
      purpose: "BUSINESS_HANDLING",
      purposeDetail: "Mailing a replacement card",
      idempotencyKey: "reveal-retry-0001",
    };
    const Q = `mutation($i: CustomerRevealFieldInput!) { customerRevealField(input: $i) { value replayed access { id } } }`;
    const a = await s.gql(Q, { i: input }, as("risk"));
    const b = await s.gql(Q, { i: input }, as("risk"));
    expect(a.data.customerRevealField).toMatchObject({ value: "上海市浦东新区世纪大道100号", replayed: false });
    expect(b.data.customerRevealField).toMatchObject({
      value: "上海市浦东新区世纪大道100号",
      replayed: true,
      access: { id: a.data.customerRevealField.access.id },
    });
    expect(await count("customer_data_access")).toBe(before + 1);
  });
});
