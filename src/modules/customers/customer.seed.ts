import type { Config } from "../../config";
import type { Executor } from "../../db/client";
import { newId } from "../../core/ids";
import { fieldCipher } from "./customer.crypto";
import { maskAddress, maskIdNumber, maskMobile, parseResidentId } from "./customer.identity";
import { linkStaffToCustomer } from "./customer.links";
import { type TierName, customerConsents, customers } from "./customer.table";

/** Demo customers (valid resident ID numbers), registered by `rep1`; encrypted with the configured key. */
export const DEMO_CUSTOMERS: { fullName: string; idNumber: string; mobile: string; address: string; occupation: string; tier: TierName }[] = [
  { fullName: "王芳", idNumber: "11010519491231002X", mobile: "13812345678", address: "北京市朝阳区建国路88号", occupation: "Retired teacher", tier: "GOLD" },
  {
    fullName: "李伟",
    idNumber: "440304198506121230",
    mobile: "13912345678",
    address: "广东省深圳市福田区深南大道1001号",
    occupation: "Engineer",
    tier: "REGULAR",
  },
  { fullName: "张敏", idNumber: "310115199003014568", mobile: "13712345678", address: "上海市浦东新区世纪大道100号", occupation: "Doctor", tier: "PLATINUM" },
];

export async function seedDemoCustomers(exec: Executor, config: Pick<Config, "dataKey">, registeredById: string): Promise<void> {
  const cipher = fieldCipher(config);
  const now = new Date();
  for (const c of DEMO_CUSTOMERS) {
    const id = newId("cus");
    const parsed = parseResidentId(c.idNumber, now);
    await exec.insert(customers).values({
      id,
      fullName: c.fullName,
      idType: "RESIDENT_ID",
      idNumberEnc: cipher.encrypt(parsed.number),
      idNumberHash: cipher.lookupHash("id", parsed.number),
      idNumberMasked: maskIdNumber("RESIDENT_ID", parsed.number),
      birthYear: parsed.birthYear,
      sex: parsed.sex,
      mobileEnc: cipher.encrypt(c.mobile),
      mobileHash: cipher.lookupHash("mobile", c.mobile),
      mobileMasked: maskMobile(c.mobile),
      addressEnc: cipher.encrypt(c.address),
      addressMasked: maskAddress(c.address),
      occupation: c.occupation,
      tier: c.tier,
      createdById: registeredById,
    });
    await exec.insert(customerConsents).values({
      id: newId("csn"),
      customerId: id,
      purpose: "SERVICE",
      scope: "Account services at this bank",
      channel: "COUNTER",
      givenAt: now,
      recordedById: registeredById,
    });
    await linkStaffToCustomer(exec, id, registeredById, now, true);
  }
}
