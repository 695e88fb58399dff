import { boolean, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { staff } from "../organisation";

export const ID_TYPES = ["RESIDENT_ID", "PASSPORT", "HK_MACAO_PERMIT", "TAIWAN_PERMIT", "FOREIGN_PERMANENT_RESIDENT_ID"] as const;
export type IdTypeName = (typeof ID_TYPES)[number];
export const idTypeEnum = pgEnum("customer_id_type", ID_TYPES);

export const SEXES = ["MALE", "FEMALE", "UNSPECIFIED"] as const;
export type SexName = (typeof SEXES)[number];
export const sexEnum = pgEnum("customer_sex", SEXES);

/** Investment suitability levels C1 (conservative) to C5 (aggressive). */
export const RISK_LEVELS = ["C1", "C2", "C3", "C4", "C5"] as const;
export type RiskLevelName = (typeof RISK_LEVELS)[number];
export const riskLevelEnum = pgEnum("customer_risk_level", RISK_LEVELS);

export const TIERS = ["REGULAR", "GOLD", "PLATINUM", "DIAMOND", "PRIVATE_BANKING"] as const;
export type TierName = (typeof TIERS)[number];
export const tierEnum = pgEnum("customer_tier", TIERS);

export const VERIFICATION_METHODS = ["ID_CARD_READER", "DOCUMENT_INSPECTION", "ONLINE_ID_CHECK", "FACE_RECOGNITION"] as const;
export type VerificationMethodName = (typeof VERIFICATION_METHODS)[number];
export const verificationMethodEnum = pgEnum("customer_verification_method", VERIFICATION_METHODS);

/** Personal data fields that are encrypted at rest and masked by default. */
export const PROTECTED_FIELDS = ["ID_NUMBER", "MOBILE", "ADDRESS"] as const;
export type ProtectedFieldName = (typeof PROTECTED_FIELDS)[number];
export const protectedFieldEnum = pgEnum("customer_protected_field", PROTECTED_FIELDS);

/**
 * Customer profile (客户信息), manual chapter 6. Other modules (complaints, accounts, loans, cards)
 * reference `customers.id` and rely on `fullName` and `identityVerifiedAt`.
 *
 * ID number, mobile and address exist here only as AES-256-GCM ciphertext (`*_enc`), a keyed hash for
 * exact lookup (`*_hash`) and the masked form the API shows (`*_masked`): a dump holds no plaintext.
 * Only the birth year is kept in the clear: the full birth date is the middle of the ID number, which
 * the mask hides.
 */
export const customers = pgTable(
  "customers",
  {
    id: text("id").primaryKey(),
    fullName: text("full_name").notNull(),
    idType: idTypeEnum("id_type").notNull().default("RESIDENT_ID"),
    // Nullable only so that rows other modules insert with just a name (test factories) stay valid.
    idNumberEnc: text("id_number_enc"),
    idNumberHash: text("id_number_hash"),
    idNumberMasked: text("id_number_masked"),
    birthYear: integer("birth_year"),
    sex: sexEnum("sex").notNull().default("UNSPECIFIED"),
    mobileEnc: text("mobile_enc"),
    mobileHash: text("mobile_hash"),
    mobileMasked: text("mobile_masked"),
    addressEnc: text("address_enc"),
    addressMasked: text("address_masked"),
    occupation: text("occupation"),
    riskLevel: riskLevelEnum("risk_level"),
    riskAssessedAt: timestamp("risk_assessed_at", { withTimezone: true }),
    tier: tierEnum("tier").notNull().default("REGULAR"),
    /** Set once a staff member verified the customer's identity document; money modules require it. */
    identityVerifiedAt: timestamp("identity_verified_at", { withTimezone: true }),
    identityVerifiedById: text("identity_verified_by_id").references(() => staff.id),
    identityVerificationMethod: verificationMethodEnum("identity_verification_method"),
    createdById: text("created_by_id").references(() => staff.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("customers_name_idx").on(t.fullName, t.id),
    // One customer per ID number: the hash is of the normalised number, whatever the document type.
    uniqueIndex("customers_id_number_hash_idx").on(t.idNumberHash),
    index("customers_mobile_hash_idx").on(t.mobileHash),
    index("customers_tier_idx").on(t.tier, t.createdAt, t.id),
    index("customers_created_idx").on(t.createdAt, t.id),
  ],
);

export type CustomerRow = typeof customers.$inferSelect;

export const CONSENT_PURPOSES = ["SERVICE", "RISK_ASSESSMENT", "CREDIT_CHECK", "MARKETING", "THIRD_PARTY_SHARING"] as const;
export type ConsentPurposeName = (typeof CONSENT_PURPOSES)[number];
export const consentPurposeEnum = pgEnum("consent_purpose", CONSENT_PURPOSES);

export const CONSENT_CHANNELS = ["COUNTER", "PHONE", "ONLINE", "APP", "PAPER_FORM"] as const;
export type ConsentChannelName = (typeof CONSENT_CHANNELS)[number];
export const consentChannelEnum = pgEnum("consent_channel", CONSENT_CHANNELS);

/** Consent to process personal information (个人信息处理同意), as the PIPL requires; withdrawable. */
export const customerConsents = pgTable(
  "customer_consents",
  {
    id: text("id").primaryKey(),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id),
    purpose: consentPurposeEnum("purpose").notNull(),
    scope: text("scope").notNull(),
    channel: consentChannelEnum("channel").notNull(),
    givenAt: timestamp("given_at", { withTimezone: true }).notNull(),
    recordedById: text("recorded_by_id")
      .notNull()
      .references(() => staff.id),
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
    withdrawnById: text("withdrawn_by_id").references(() => staff.id),
    withdrawalReason: text("withdrawal_reason"),
  },
  (t) => [index("customer_consents_customer_idx").on(t.customerId, t.givenAt)],
);
export type CustomerConsentRow = typeof customerConsents.$inferSelect;

/**
 * Profile change history (变更记录): one row per changed field. The view shows masked values only;
 * for protected fields the old and new values are also kept encrypted, never in the clear.
 */
export const customerChanges = pgTable(
  "customer_changes",
  {
    id: text("id").primaryKey(),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id),
    field: text("field").notNull(),
    oldMasked: text("old_masked"),
    newMasked: text("new_masked"),
    oldEnc: text("old_enc"),
    newEnc: text("new_enc"),
    changedById: text("changed_by_id")
      .notNull()
      .references(() => staff.id),
    changedAt: timestamp("changed_at", { withTimezone: true }).notNull(),
    reason: text("reason"),
  },
  (t) => [index("customer_changes_customer_idx").on(t.customerId, t.changedAt, t.id)],
);
export type CustomerChangeRow = typeof customerChanges.$inferSelect;

export const ACCESS_PURPOSES = [
  "IDENTITY_CHECK",
  "BUSINESS_HANDLING",
  "COMPLAINT_INVESTIGATION",
  "RISK_REVIEW",
  "REGULATORY_REQUEST",
  "FRAUD_INVESTIGATION",
] as const;
export type AccessPurposeName = (typeof ACCESS_PURPOSES)[number];
export const accessPurposeEnum = pgEnum("customer_access_purpose", ACCESS_PURPOSES);

/** Access audit of unmasked reads (敏感信息查询记录): append-only (the custom migration's trigger). */
export const customerDataAccess = pgTable(
  "customer_data_access",
  {
    id: text("id").primaryKey(),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id),
    staffId: text("staff_id")
      .notNull()
      .references(() => staff.id),
    field: protectedFieldEnum("field").notNull(),
    purpose: accessPurposeEnum("purpose").notNull(),
    purposeDetail: text("purpose_detail").notNull(),
    accessedAt: timestamp("accessed_at", { withTimezone: true }).notNull(),
    requestId: text("request_id"),
  },
  (t) => [index("customer_data_access_customer_idx").on(t.customerId, t.accessedAt, t.id), index("customer_data_access_staff_idx").on(t.staffId, t.accessedAt)],
);
export type CustomerDataAccessRow = typeof customerDataAccess.$inferSelect;

/**
 * Which staff member serves which customer: the scope rule for representatives (they see the
 * customers they registered, served in a visit, or whose complaint they received or handle). Written
 * by this module, by reception and by complaints.
 */
export const customerStaffLinks = pgTable(
  "customer_staff_links",
  {
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id),
    staffId: text("staff_id")
      .notNull()
      .references(() => staff.id),
    registered: boolean("registered").notNull().default(false),
    firstAt: timestamp("first_at", { withTimezone: true }).notNull(),
    lastAt: timestamp("last_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.staffId, t.customerId] }), index("customer_staff_links_customer_idx").on(t.customerId)],
);
