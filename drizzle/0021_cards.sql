CREATE TYPE "public"."card_status" AS ENUM('APPLIED', 'APPROVED', 'REJECTED', 'ISSUED', 'ACTIVE', 'BLOCKED', 'REPLACED', 'CANCELLED');--> statement-breakpoint
CREATE TYPE "public"."card_block_reason" AS ENUM('LOSS', 'UNAUTHORISED_USE');--> statement-breakpoint
CREATE TYPE "public"."card_limit_change_kind" AS ENUM('PERMANENT_RAISE', 'TEMPORARY_RAISE', 'DECREASE');--> statement-breakpoint
CREATE TYPE "public"."card_dispute_kind" AS ENUM('UNAUTHORISED', 'MERCHANT');--> statement-breakpoint
CREATE TYPE "public"."card_dispute_status" AS ENUM('REPORTED', 'INVESTIGATING', 'RESOLVED_CUSTOMER', 'RESOLVED_MERCHANT');--> statement-breakpoint
ALTER TYPE "public"."account_kind" ADD VALUE 'CARD';--> statement-breakpoint
ALTER TYPE "public"."journal_entry_kind" ADD VALUE 'CARD_LIMIT';--> statement-breakpoint
ALTER TYPE "public"."journal_entry_kind" ADD VALUE 'CARD_PURCHASE';--> statement-breakpoint
ALTER TYPE "public"."journal_entry_kind" ADD VALUE 'CARD_REPAYMENT';--> statement-breakpoint
ALTER TYPE "public"."journal_entry_kind" ADD VALUE 'CARD_INTEREST';--> statement-breakpoint
ALTER TYPE "public"."journal_entry_kind" ADD VALUE 'CARD_DISPUTE_CREDIT';--> statement-breakpoint
ALTER TYPE "public"."journal_entry_kind" ADD VALUE 'CARD_DISPUTE_REVERSAL';--> statement-breakpoint
ALTER TYPE "public"."journal_entry_kind" ADD VALUE 'CARD_CHARGEBACK';--> statement-breakpoint
CREATE SEQUENCE "public"."card_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "card_products" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"max_limit" bigint NOT NULL,
	"daily_rate_micro" integer NOT NULL,
	CONSTRAINT "card_products_max_positive" CHECK ("card_products"."max_limit" > 0),
	CONSTRAINT "card_products_rate" CHECK ("card_products"."daily_rate_micro" BETWEEN 0 AND 10000)
);
--> statement-breakpoint
CREATE TABLE "cards" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"product_code" text NOT NULL,
	"status" "card_status" DEFAULT 'APPLIED' NOT NULL,
	"requested_limit" bigint NOT NULL,
	"permanent_limit" bigint DEFAULT 0 NOT NULL,
	"credit_limit" bigint DEFAULT 0 NOT NULL,
	"temporary_limit_until" timestamp with time zone,
	"account_id" text,
	"repayment_account_id" text,
	"number_enc" text,
	"number_hash" text,
	"number_last4" text,
	"billing_day" integer NOT NULL,
	"next_statement_on" date,
	"block_reason" "card_block_reason",
	"rejection_reason" text,
	"replaces_card_id" text,
	"overdue_since" date,
	"applied_by_id" text NOT NULL,
	"decided_by_id" text,
	"created_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	"issued_at" timestamp with time zone,
	"activated_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "cards_limits" CHECK ("cards"."permanent_limit" >= 0 AND "cards"."credit_limit" >= "cards"."permanent_limit" AND "cards"."requested_limit" > 0),
	CONSTRAINT "cards_billing_day" CHECK ("cards"."billing_day" BETWEEN 1 AND 28),
	CONSTRAINT "cards_decider" CHECK ("cards"."decided_by_id" IS NULL OR "cards"."decided_by_id" <> "cards"."applied_by_id")
);
--> statement-breakpoint
CREATE TABLE "card_limit_changes" (
	"id" text PRIMARY KEY NOT NULL,
	"card_id" text NOT NULL,
	"kind" "card_limit_change_kind" NOT NULL,
	"new_limit" bigint NOT NULL,
	"until" timestamp with time zone,
	"status" "approval_status" DEFAULT 'PENDING' NOT NULL,
	"requested_by_id" text NOT NULL,
	"decided_by_id" text,
	"decided_at" timestamp with time zone,
	"expired_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "card_limit_changes_positive" CHECK ("card_limit_changes"."new_limit" > 0),
	CONSTRAINT "card_limit_changes_four_eyes" CHECK ("card_limit_changes"."decided_by_id" IS NULL OR "card_limit_changes"."decided_by_id" <> "card_limit_changes"."requested_by_id")
);
--> statement-breakpoint
CREATE TABLE "card_statements" (
	"id" text PRIMARY KEY NOT NULL,
	"card_id" text NOT NULL,
	"account_id" text NOT NULL,
	"statement_date" date NOT NULL,
	"due_date" date NOT NULL,
	"previous_balance" bigint NOT NULL,
	"purchases" bigint NOT NULL,
	"payments" bigint NOT NULL,
	"interest" bigint NOT NULL,
	"fees" bigint NOT NULL,
	"new_balance" bigint NOT NULL,
	"minimum_payment" bigint NOT NULL,
	"paid_amount" bigint DEFAULT 0 NOT NULL,
	"unpaid_at_due" bigint,
	"closing_seq" bigint NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "card_statements_amounts" CHECK ("card_statements"."new_balance" >= 0 AND "card_statements"."minimum_payment" >= 0 AND "card_statements"."minimum_payment" <= "card_statements"."new_balance")
);
--> statement-breakpoint
CREATE TABLE "card_number_access" (
	"id" text PRIMARY KEY NOT NULL,
	"card_id" text NOT NULL,
	"staff_id" text NOT NULL,
	"purpose" text NOT NULL,
	"purpose_detail" text NOT NULL,
	"request_id" text,
	"accessed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "card_disputes" (
	"id" text PRIMARY KEY NOT NULL,
	"card_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"purchase_entry_id" text NOT NULL,
	"kind" "card_dispute_kind" NOT NULL,
	"status" "card_dispute_status" DEFAULT 'REPORTED' NOT NULL,
	"amount" bigint NOT NULL,
	"description" text NOT NULL,
	"deadline_at" timestamp with time zone NOT NULL,
	"complaint_id" text,
	"credit_requested_by_id" text,
	"credit_approved_by_id" text,
	"credit_entry_id" text,
	"resolution_entry_id" text,
	"resolution_note" text,
	"reported_by_id" text NOT NULL,
	"resolved_by_id" text,
	"created_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	CONSTRAINT "card_disputes_positive" CHECK ("card_disputes"."amount" > 0),
	CONSTRAINT "card_disputes_credit_four_eyes" CHECK ("card_disputes"."credit_approved_by_id" IS NULL OR "card_disputes"."credit_approved_by_id" <> "card_disputes"."credit_requested_by_id")
);
--> statement-breakpoint
CREATE TABLE "card_complaint_links" (
	"complaint_id" text NOT NULL,
	"card_id" text NOT NULL,
	"linked_by_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cards" ADD CONSTRAINT "cards_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cards" ADD CONSTRAINT "cards_product_code_card_products_code_fk" FOREIGN KEY ("product_code") REFERENCES "public"."card_products"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cards" ADD CONSTRAINT "cards_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cards" ADD CONSTRAINT "cards_repayment_account_id_accounts_id_fk" FOREIGN KEY ("repayment_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cards" ADD CONSTRAINT "cards_applied_by_id_staff_id_fk" FOREIGN KEY ("applied_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cards" ADD CONSTRAINT "cards_decided_by_id_staff_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_limit_changes" ADD CONSTRAINT "card_limit_changes_card_id_cards_id_fk" FOREIGN KEY ("card_id") REFERENCES "public"."cards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_limit_changes" ADD CONSTRAINT "card_limit_changes_requested_by_id_staff_id_fk" FOREIGN KEY ("requested_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_limit_changes" ADD CONSTRAINT "card_limit_changes_decided_by_id_staff_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_statements" ADD CONSTRAINT "card_statements_card_id_cards_id_fk" FOREIGN KEY ("card_id") REFERENCES "public"."cards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_statements" ADD CONSTRAINT "card_statements_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_number_access" ADD CONSTRAINT "card_number_access_card_id_cards_id_fk" FOREIGN KEY ("card_id") REFERENCES "public"."cards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_number_access" ADD CONSTRAINT "card_number_access_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_disputes" ADD CONSTRAINT "card_disputes_card_id_cards_id_fk" FOREIGN KEY ("card_id") REFERENCES "public"."cards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_disputes" ADD CONSTRAINT "card_disputes_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_disputes" ADD CONSTRAINT "card_disputes_purchase_entry_id_journal_entries_id_fk" FOREIGN KEY ("purchase_entry_id") REFERENCES "public"."journal_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_disputes" ADD CONSTRAINT "card_disputes_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_disputes" ADD CONSTRAINT "card_disputes_credit_requested_by_id_staff_id_fk" FOREIGN KEY ("credit_requested_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_disputes" ADD CONSTRAINT "card_disputes_credit_approved_by_id_staff_id_fk" FOREIGN KEY ("credit_approved_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_disputes" ADD CONSTRAINT "card_disputes_credit_entry_id_journal_entries_id_fk" FOREIGN KEY ("credit_entry_id") REFERENCES "public"."journal_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_disputes" ADD CONSTRAINT "card_disputes_resolution_entry_id_journal_entries_id_fk" FOREIGN KEY ("resolution_entry_id") REFERENCES "public"."journal_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_disputes" ADD CONSTRAINT "card_disputes_reported_by_id_staff_id_fk" FOREIGN KEY ("reported_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_disputes" ADD CONSTRAINT "card_disputes_resolved_by_id_staff_id_fk" FOREIGN KEY ("resolved_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_complaint_links" ADD CONSTRAINT "card_complaint_links_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_complaint_links" ADD CONSTRAINT "card_complaint_links_card_id_cards_id_fk" FOREIGN KEY ("card_id") REFERENCES "public"."cards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_complaint_links" ADD CONSTRAINT "card_complaint_links_linked_by_id_staff_id_fk" FOREIGN KEY ("linked_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "cards_number_hash_uq" ON "cards" USING btree ("number_hash");--> statement-breakpoint
CREATE INDEX "cards_customer_idx" ON "cards" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE INDEX "cards_created_idx" ON "cards" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "cards_statement_idx" ON "cards" USING btree ("status","next_statement_on");--> statement-breakpoint
CREATE UNIQUE INDEX "cards_live_account_uq" ON "cards" USING btree ("account_id") WHERE "cards"."status" IN ('APPROVED', 'ISSUED', 'ACTIVE', 'BLOCKED');--> statement-breakpoint
CREATE INDEX "card_limit_changes_card_idx" ON "card_limit_changes" USING btree ("card_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "card_statements_account_date_uq" ON "card_statements" USING btree ("account_id","statement_date");--> statement-breakpoint
CREATE INDEX "card_statements_card_idx" ON "card_statements" USING btree ("card_id","statement_date");--> statement-breakpoint
CREATE INDEX "card_statements_due_idx" ON "card_statements" USING btree ("due_date");--> statement-breakpoint
CREATE INDEX "card_number_access_card_idx" ON "card_number_access" USING btree ("card_id","accessed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "card_disputes_purchase_uq" ON "card_disputes" USING btree ("purchase_entry_id");--> statement-breakpoint
CREATE INDEX "card_disputes_created_idx" ON "card_disputes" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "card_disputes_card_idx" ON "card_disputes" USING btree ("card_id");--> statement-breakpoint
CREATE UNIQUE INDEX "card_complaint_links_uq" ON "card_complaint_links" USING btree ("complaint_id","card_id");--> statement-breakpoint
CREATE INDEX "card_complaint_links_card_idx" ON "card_complaint_links" USING btree ("card_id");