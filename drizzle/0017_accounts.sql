CREATE TYPE "public"."account_class" AS ENUM('I', 'II', 'III');--> statement-breakpoint
CREATE TYPE "public"."loss_kind" AS ENUM('ORAL', 'WRITTEN');--> statement-breakpoint
CREATE TYPE "public"."judicial_authority" AS ENUM('COURT', 'PROCURATORATE', 'PUBLIC_SECURITY');--> statement-breakpoint
CREATE TYPE "public"."judicial_freeze_status" AS ENUM('ACTIVE', 'RELEASED', 'EXPIRED');--> statement-breakpoint
CREATE TYPE "public"."time_deposit_interest_basis" AS ENUM('TERM', 'ACTUAL_365');--> statement-breakpoint
ALTER TYPE "public"."journal_entry_kind" ADD VALUE 'TIME_DEPOSIT_PARTIAL_WITHDRAWAL';--> statement-breakpoint
ALTER TYPE "public"."journal_entry_kind" ADD VALUE 'TIME_DEPOSIT_ROLLOVER';--> statement-breakpoint
ALTER TYPE "public"."time_deposit_status" ADD VALUE 'ROLLED_OVER';--> statement-breakpoint
CREATE TABLE "account_class_limits" (
	"account_class" "account_class" PRIMARY KEY NOT NULL,
	"daily_debit_limit" bigint,
	"balance_cap" bigint,
	"updated_by_id" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "account_class_limits_debit_positive" CHECK ("account_class_limits"."daily_debit_limit" IS NULL OR "account_class_limits"."daily_debit_limit" >= 0),
	CONSTRAINT "account_class_limits_cap_positive" CHECK ("account_class_limits"."balance_cap" IS NULL OR "account_class_limits"."balance_cap" >= 0)
);
--> statement-breakpoint
CREATE TABLE "judicial_freezes" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"authority" "judicial_authority" NOT NULL,
	"authority_name" text NOT NULL,
	"order_number" text NOT NULL,
	"amount" bigint,
	"status" "judicial_freeze_status" DEFAULT 'ACTIVE' NOT NULL,
	"effective_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"renewals" integer DEFAULT 0 NOT NULL,
	"renewal_order_number" text,
	"release_order_number" text,
	"ended_at" timestamp with time zone,
	"recorded_by_id" text,
	"released_by_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "judicial_freezes_amount_positive" CHECK ("judicial_freezes"."amount" IS NULL OR "judicial_freezes"."amount" > 0),
	CONSTRAINT "judicial_freezes_term" CHECK ("judicial_freezes"."expires_at" > "judicial_freezes"."effective_at")
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "account_class" "account_class";--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "loss_kind" "loss_kind";--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "loss_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "judicial_freeze_hint" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Existing customer accounts get a class before the constraints below: per customer, the first account
-- that is not closed (by opening time) becomes Class I, which is the account customers have used as their
-- main one; every other becomes Class II, which keeps deposits and transfers working with the Class II
-- daily limit, rather than Class III, whose 2,000.00 balance cap existing balances may exceed.
UPDATE "accounts" a SET "account_class" = CASE WHEN r.rn = 1 THEN 'I'::account_class ELSE 'II'::account_class END
  FROM (SELECT id, row_number() OVER (PARTITION BY customer_id ORDER BY (status = 'CLOSED'), opened_at, id) AS rn
          FROM "accounts" WHERE kind = 'CUSTOMER') r
 WHERE a.id = r.id;--> statement-breakpoint
-- Loss reports standing before oral reports were told apart are kept as written ones: they keep holding.
UPDATE "accounts" SET "loss_kind" = 'WRITTEN' WHERE "loss_reported_at" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "time_deposits" ADD COLUMN "interest_basis" time_deposit_interest_basis DEFAULT 'TERM' NOT NULL;--> statement-breakpoint
ALTER TABLE "time_deposits" ADD COLUMN "auto_rollover" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "time_deposits" ADD COLUMN "rolled_from_id" text;--> statement-breakpoint
ALTER TABLE "time_deposits" ADD COLUMN "partial_amount" bigint;--> statement-breakpoint
ALTER TABLE "time_deposits" ADD COLUMN "partial_interest" bigint;--> statement-breakpoint
ALTER TABLE "time_deposits" ADD COLUMN "partial_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "time_deposits" ADD COLUMN "partial_entry_id" text;--> statement-breakpoint
-- Deposits already paid out keep the day-counted basis they were paid on, so their interest shown stays
-- the interest paid; open ones are paid by the term rule (principal × rate × term in years) from now on.
UPDATE "time_deposits" SET "interest_basis" = 'ACTUAL_365' WHERE "status" <> 'OPEN';--> statement-breakpoint
ALTER TABLE "account_class_limits" ADD CONSTRAINT "account_class_limits_updated_by_id_staff_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judicial_freezes" ADD CONSTRAINT "judicial_freezes_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judicial_freezes" ADD CONSTRAINT "judicial_freezes_recorded_by_id_staff_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judicial_freezes" ADD CONSTRAINT "judicial_freezes_released_by_id_staff_id_fk" FOREIGN KEY ("released_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "judicial_freezes_order_uq" ON "judicial_freezes" USING btree ("account_id","authority","authority_name","order_number");--> statement-breakpoint
CREATE INDEX "judicial_freezes_account_idx" ON "judicial_freezes" USING btree ("account_id","status");--> statement-breakpoint
CREATE INDEX "judicial_freezes_expiry_idx" ON "judicial_freezes" USING btree ("status","expires_at");--> statement-breakpoint
CREATE INDEX "judicial_freezes_created_idx" ON "judicial_freezes" USING btree ("created_at","id");--> statement-breakpoint
ALTER TABLE "time_deposits" ADD CONSTRAINT "time_deposits_rolled_from_id_time_deposits_id_fk" FOREIGN KEY ("rolled_from_id") REFERENCES "public"."time_deposits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_deposits" ADD CONSTRAINT "time_deposits_partial_entry_id_journal_entries_id_fk" FOREIGN KEY ("partial_entry_id") REFERENCES "public"."journal_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_one_class_i_uq" ON "accounts" USING btree ("customer_id") WHERE "accounts"."kind" = 'CUSTOMER' AND "accounts"."account_class" = 'I' AND "accounts"."status" <> 'CLOSED';--> statement-breakpoint
CREATE UNIQUE INDEX "time_deposits_rolled_from_uq" ON "time_deposits" USING btree ("rolled_from_id");--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_customer_class" CHECK ("accounts"."kind" <> 'CUSTOMER' OR "accounts"."account_class" IS NOT NULL);--> statement-breakpoint
ALTER TABLE "time_deposits" ADD CONSTRAINT "time_deposits_partial_positive" CHECK ("time_deposits"."partial_amount" IS NULL OR "time_deposits"."partial_amount" > 0);