import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { enumOf } from "../../shared/enums";
import { Node } from "../../shared/node";
import {
  ACCESS_PURPOSES,
  CONSENT_CHANNELS,
  CONSENT_PURPOSES,
  ID_TYPES,
  PROTECTED_FIELDS,
  RISK_LEVELS,
  SEXES,
  TIERS,
  VERIFICATION_METHODS,
} from "./customer.table";

export const IdType = enumOf(ID_TYPES);
registerEnumType(IdType, {
  name: "IdType",
  description: "Identity document type (证件类型), manual chapter 6.1.",
  valuesConfig: {
    RESIDENT_ID: { description: "PRC resident identity card (居民身份证): 18 characters, GB 11643 check digit." },
    PASSPORT: { description: "Passport (护照)." },
    HK_MACAO_PERMIT: { description: "Mainland travel permit for Hong Kong and Macao residents (港澳居民来往内地通行证)." },
    TAIWAN_PERMIT: { description: "Mainland travel permit for Taiwan residents (台湾居民来往大陆通行证)." },
    FOREIGN_PERMANENT_RESIDENT_ID: { description: "Foreign permanent resident ID card (外国人永久居留身份证)." },
  },
});

export const Sex = enumOf(SEXES);
registerEnumType(Sex, {
  name: "Sex",
  description: "Sex (性别); for a resident ID it is derived from the 17th digit.",
  valuesConfig: { MALE: { description: "Male (男)." }, FEMALE: { description: "Female (女)." }, UNSPECIFIED: { description: "Not recorded." } },
});

export const RiskLevel = enumOf(RISK_LEVELS);
registerEnumType(RiskLevel, {
  name: "RiskLevel",
  description: "Risk assessment level for investment suitability (风险承受能力评级), chapters 5 and 6.",
  valuesConfig: {
    C1: { description: "Conservative (保守型)." },
    C2: { description: "Cautious (谨慎型)." },
    C3: { description: "Balanced (稳健型)." },
    C4: { description: "Active (积极型)." },
    C5: { description: "Aggressive (激进型)." },
  },
});

export const CustomerTier = enumOf(TIERS);
registerEnumType(CustomerTier, {
  name: "CustomerTier",
  description: "Customer tier (客户等级).",
  valuesConfig: {
    REGULAR: { description: "Regular customer (普通客户)." },
    GOLD: { description: "Gold (金卡客户)." },
    PLATINUM: { description: "Platinum (白金客户)." },
    DIAMOND: { description: "Diamond (钻石客户)." },
    PRIVATE_BANKING: { description: "Private banking (私人银行客户)." },
  },
});

export const VerificationMethod = enumOf(VERIFICATION_METHODS);
registerEnumType(VerificationMethod, {
  name: "VerificationMethod",
  description: "How a customer's identity was verified (身份核实方式), chapter 6.2.",
  valuesConfig: {
    ID_CARD_READER: { description: "Resident ID card read by the card reader (身份证读卡器)." },
    DOCUMENT_INSPECTION: { description: "Original document inspected by the representative (原件核验)." },
    ONLINE_ID_CHECK: { description: "Checked against the public security online verification system (联网核查)." },
    FACE_RECOGNITION: { description: "Face compared with the document photo (人脸识别)." },
  },
});

export const ProtectedField = enumOf(PROTECTED_FIELDS);
registerEnumType(ProtectedField, {
  name: "ProtectedField",
  description: "Personal data encrypted at rest and masked by default (客户敏感信息), chapter 6.3.",
  valuesConfig: {
    ID_NUMBER: { description: "Identity document number (证件号码)." },
    MOBILE: { description: "Mobile number (手机号码)." },
    ADDRESS: { description: "Address (联系地址)." },
  },
});

export const AccessPurpose = enumOf(ACCESS_PURPOSES);
registerEnumType(AccessPurpose, {
  name: "AccessPurpose",
  description: "Why protected personal data is read unmasked (查询事由), chapter 6.3.",
  valuesConfig: {
    IDENTITY_CHECK: { description: "Checking the customer's identity." },
    BUSINESS_HANDLING: { description: "Handling a business request that needs the full value." },
    COMPLAINT_INVESTIGATION: { description: "Investigating a complaint (chapter 7)." },
    RISK_REVIEW: { description: "Risk review (chapter 5)." },
    REGULATORY_REQUEST: { description: "A regulator's or court's request." },
    FRAUD_INVESTIGATION: { description: "Investigating suspected fraud." },
  },
});

export const ConsentPurpose = enumOf(CONSENT_PURPOSES);
registerEnumType(ConsentPurpose, {
  name: "ConsentPurpose",
  description: "Purpose a customer consented to (个人信息处理目的), chapter 6.1.",
  valuesConfig: {
    SERVICE: { description: "Providing the banking services asked for." },
    RISK_ASSESSMENT: { description: "Suitability and risk assessment." },
    CREDIT_CHECK: { description: "Credit report enquiry (征信查询)." },
    MARKETING: { description: "Product marketing." },
    THIRD_PARTY_SHARING: { description: "Sharing with named third parties." },
  },
});

export const ConsentChannel = enumOf(CONSENT_CHANNELS);
registerEnumType(ConsentChannel, {
  name: "ConsentChannel",
  description: "Channel through which consent was given.",
  valuesConfig: {
    COUNTER: { description: "At the counter (柜面)." },
    PHONE: { description: "By phone, recorded (电话录音)." },
    ONLINE: { description: "Online banking (网上银行)." },
    APP: { description: "Mobile app (手机银行)." },
    PAPER_FORM: { description: "Signed paper form (纸质授权书)." },
  },
});

@ObjectType({ implements: Node, description: "Customer (客户), manual chapter 6: personal data is returned masked unless unmasked with a purpose." })
export class Customer extends Node {
  @Field({ description: "Full name (姓名)." })
  fullName: string;
  @Field(() => IdType, { description: "Identity document type (证件类型)." })
  idType: string;
  @Field(() => Int, { nullable: true, description: "Birth year (出生年份); the full birth date is part of the ID number and is revealed with it." })
  birthYear: number | null;
  @Field(() => Sex, { description: "Sex (性别), derived from a resident ID number." })
  sex: string;
  @Field(() => String, { nullable: true, description: "Occupation (职业)." })
  occupation: string | null;
  @Field(() => RiskLevel, { nullable: true, description: "Risk assessment level (风险承受能力评级), null until assessed." })
  riskLevel: string | null;
  @Field(() => Date, { nullable: true, description: "When the risk level was last set." })
  riskAssessedAt: Date | null;
  @Field(() => CustomerTier, { description: "Customer tier (客户等级)." })
  tier: string;
  @Field(() => Date, { nullable: true, description: "When the customer's identity was verified (身份核实); accounts and loans require it." })
  identityVerifiedAt: Date | null;
  @Field(() => VerificationMethod, { nullable: true, description: "How the identity was verified." })
  identityVerificationMethod: string | null;
  @Field({ description: "When the profile was created." })
  createdAt: Date;
  @Field({ description: "When the profile last changed." })
  updatedAt: Date;
}

@ObjectType({ implements: Node, description: "Consent record (个人信息处理授权), manual chapter 6.1: purpose, scope, channel and time; withdrawable." })
export class CustomerConsent extends Node {
  @Field(() => ConsentPurpose, { description: "Purpose consented to." })
  purpose: string;
  @Field({ description: "Scope: which data, for what, for how long." })
  scope: string;
  @Field(() => ConsentChannel, { description: "Channel of the consent." })
  channel: string;
  @Field({ description: "When the consent was given." })
  givenAt: Date;
  @Field(() => Date, { nullable: true, description: "When it was withdrawn, if it was." })
  withdrawnAt: Date | null;
  @Field(() => String, { nullable: true, description: "Why it was withdrawn." })
  withdrawalReason: string | null;
  @Field({ description: "True while not withdrawn." })
  active: boolean;
}

@ObjectType({ description: "One change to a customer profile (客户信息变更记录), chapter 6.3; values masked." })
export class CustomerChange {
  @Field({ description: "Which field changed (FULL_NAME, MOBILE, ADDRESS, OCCUPATION, TIER, RISK_LEVEL, IDENTITY_VERIFICATION)." })
  field: string;
  @Field(() => String, { nullable: true, description: "Value before, masked for protected fields." })
  oldValue: string | null;
  @Field(() => String, { nullable: true, description: "Value after, masked for protected fields." })
  newValue: string | null;
  @Field({ description: "When." })
  changedAt: Date;
  @Field(() => String, { nullable: true, description: "Why, as stated by the staff member." })
  reason: string | null;
  changedById: string;
}

@ObjectType({
  implements: Node,
  description: "One unmasked read of protected personal data (敏感信息查询记录), chapter 6.3: who, which customer, which field, why, when.",
})
export class CustomerDataAccess extends Node {
  @Field(() => ProtectedField, { description: "Which field was read." })
  field: string;
  @Field(() => AccessPurpose, { description: "Stated purpose." })
  purpose: string;
  @Field({ description: "Stated purpose in words." })
  purposeDetail: string;
  @Field({ description: "When." })
  accessedAt: Date;
  customerId: string;
  staffId: string;
}
