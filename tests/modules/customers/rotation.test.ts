import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../../src/config";
import { fieldCipher } from "../../../src/modules/customers/customer.crypto";
import { rekeyCustomers } from "../../../src/modules/customers";
import { type TestServer, startTestServer } from "../../helpers/server";

// The test snapshot was sealed with the key of `testConfig` (32 bytes of 7); this server rotated to a new one.
const OLD_KEY = Buffer.alloc(32, 7).toString("base64");
const NEW_KEY = Buffer.alloc(32, 8).toString("base64");

let s: TestServer;
let supervisor: string;
beforeAll(async () => {
  s = await startTestServer({ env: { DATA_KEY: NEW_KEY, DATA_KEYS_RETIRED: OLD_KEY } });
  supervisor = await s.login("supervisor");
});
afterAll(() => s?.close());

const SEARCH = `query($n: String!) { customers(filterBy: { idNumber: $n }) { nodes { id fullName } } }`;

describe("data key rotation", () => {
  it("when the key was rotated, then rows sealed with the retired key are still found, refused as duplicates and unmasked", async () => {
    const found = await s.gql(SEARCH, { n: "11010519491231002X" }, supervisor);
    expect(found.data.customers.nodes.map((n: { fullName: string }) => n.fullName)).toEqual(["王芳"]);
    const dup = await s.gql(
      `mutation($i: CustomerRegisterInput!) { customerRegister(input: $i) { userErrors { code } } }`,
      { i: { fullName: "冒名者", idNumber: "11010519491231002X", consents: [{ purpose: "SERVICE", scope: "x", channel: "COUNTER" }] } },
      supervisor,
    );
    expect(dup.data.customerRegister.userErrors[0].code).toBe("DUPLICATE");
    const reveal = await s.gql(
      `mutation($i: CustomerRevealFieldInput!) { customerRevealField(input: $i) { value } }`,
      { i: { customerId: found.data.customers.nodes[0].id, field: "MOBILE", purpose: "IDENTITY_CHECK", purposeDetail: "Checking after key rotation" } },
      supervisor,
    );
    expect(reveal.data.customerRevealField.value).toBe("13812345678");
  });

  it("when the re-key job runs, then every row is sealed and hashed under the current key and lookups still work", async () => {
    expect(await rekeyCustomers(s.database, s.config, 2)).toBe(2);
    while ((await rekeyCustomers(s.database, s.config)) > 0);
    const current = fieldCipher({ dataKey: NEW_KEY }).keyId;
    const rows = await s.database.query<{ id_number_enc: string; mobile_enc: string; address_enc: string }>(
      "select id_number_enc, mobile_enc, address_enc from customers",
    );
    for (const r of rows) for (const v of Object.values(r)) if (v) expect(v.startsWith(`v1.${current}.`)).toBe(true);
    const mobile = await s.gql(`{ customers(filterBy: { mobile: "13912345678" }) { nodes { fullName } } }`, {}, supervisor);
    expect(mobile.data.customers.nodes).toEqual([{ fullName: "李伟" }]);
    const onlyNewKey = fieldCipher({ dataKey: NEW_KEY });
    const [row] = await s.database.query<{ id_number_hash: string }>("select id_number_hash from customers where full_name = '王芳'");
    expect(row.id_number_hash).toBe(onlyNewKey.lookupHash("id", "11010519491231002X"));
  });

  it("when a retired key is not 32 bytes of base64, then the configuration is refused", () => {
    expect(() => loadConfig({ NODE_ENV: "test", PGLITE_DATA_DIR: "memory://", DATA_KEYS_RETIRED: "short" })).toThrow(ConfigError);
  });
});
