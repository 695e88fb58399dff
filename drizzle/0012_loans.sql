CREATE TYPE "public"."loan_product_kind" AS ENUM('PERSONAL_CONSUMER', 'PERSONAL_HOUSING', 'SMALL_BUSINESS');--> statement-breakpoint
CREATE TYPE "public"."loan_status" AS ENUM('APPLIED', 'MATERIAL_REQUESTED', 'REVIEWED', 'APPROVED', 'REJECTED', 'CONTRACT_SIGNED', 'DISBURSED', 'REPAYING', 'SETTLED', 'WRITTEN_OFF');--> statement-breakpoint
CREATE TYPE "public"."loan_category" AS ENUM('NORMAL', 'SPECIAL_MENTION', 'SUBSTANDARD', 'DOUBTFUL', 'LOSS');--> statement-breakpoint
CREATE TYPE "public"."loan_repayment_method" AS ENUM('EQUAL_INSTALMENT', 'EQUAL_PRINCIPAL');--> statement-breakpoint
CREATE TYPE "public"."loan_instalment_status" AS ENUM('SCHEDULED', 'PAID', 'CANCELLED');--> statement-breakpoint
CREATE TYPE "public"."loan_payment_kind" AS ENUM('AUTO_DEBIT', 'COUNTER', 'EARLY_PART', 'EARLY_WHOLE');--> statement-breakpoint
ALTER TYPE "public"."journal_entry_kind" ADD VALUE 'LOAN_DISBURSEMENT';--> statement-breakpoint
ALTER TYPE "public"."journal_entry_kind" ADD VALUE 'LOAN_REPAYMENT';--> statement-breakpoint
ALTER TYPE "public"."journal_entry_kind" ADD VALUE 'LOAN_WRITE_OFF';--> statement-breakpoint
CREATE TABLE "loan_products" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" "loan_product_kind" NOT NULL,
	"name" text NOT NULL,
	"min_amount" bigint NOT NULL,
	"max_amount" bigint NOT NULL,
	"min_term_months" integer NOT NULL,
	"max_term_months" integer NOT NULL,
	"methods" text[] NOT NULL,
	"penalty_rate_micro" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "loan_products_amounts" CHECK ("loan_products"."min_amount" > 0 AND "loan_products"."max_amount" >= "loan_products"."min_amount"),
	CONSTRAINT "loan_products_terms" CHECK ("loan_products"."min_term_months" >= 1 AND "loan_products"."max_term_months" <= 360 AND "loan_products"."max_term_months" >= "loan_products"."min_term_months")
);
--> statement-breakpoint
CREATE TABLE "loan_rates" (
	"id" text PRIMARY KEY NOT NULL,
	"product_id" text NOT NULL,
	"annual_rate_micro" integer NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	CONSTRAINT "loan_rates_range" CHECK ("loan_rates"."annual_rate_micro" > 0 AND "loan_rates"."annual_rate_micro" <= 1000000)
);
--> statement-breakpoint
CREATE TABLE "loans" (
	"id" text PRIMARY KEY NOT NULL,
	"product_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"account_id" text NOT NULL,
	"department_id" text NOT NULL,
	"status" "loan_status" DEFAULT 'APPLIED' NOT NULL,
	"method" "loan_repayment_method" NOT NULL,
	"requested_amount" bigint NOT NULL,
	"requested_term_months" integer NOT NULL,
	"purpose" text NOT NULL,
	"applied_by_id" text NOT NULL,
	"reviewed_by_id" text,
	"review_findings" text,
	"material_request" text,
	"reviewed_at" timestamp with time zone,
	"approved_by_id" text,
	"approved_at" timestamp with time zone,
	"amount" bigint,
	"term_months" integer,
	"annual_rate_micro" integer,
	"penalty_rate_micro" integer,
	"rejected_by_id" text,
	"rejection_reason" text,
	"contract_number" text,
	"signed_at" timestamp with time zone,
	"disbursed_at" timestamp with time zone,
	"value_date" date,
	"disbursement_entry_id" text,
	"principal_outstanding" bigint DEFAULT 0 NOT NULL,
	"category" "loan_category" DEFAULT 'NORMAL' NOT NULL,
	"observation_until" date,
	"write_off_requested_by_id" text,
	"write_off_reason" text,
	"written_off_by_id" text,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "loans_requested_positive" CHECK ("loans"."requested_amount" > 0),
	CONSTRAINT "loans_outstanding_not_negative" CHECK ("loans"."principal_outstanding" >= 0),
	CONSTRAINT "loans_four_eyes" CHECK ("loans"."approved_by_id" IS NULL OR "loans"."approved_by_id" <> "loans"."reviewed_by_id"),
	CONSTRAINT "loans_write_off_four_eyes" CHECK ("loans"."written_off_by_id" IS NULL OR "loans"."written_off_by_id" <> "loans"."write_off_requested_by_id")
);
--> statement-breakpoint
CREATE TABLE "loan_instalments" (
	"id" text PRIMARY KEY NOT NULL,
	"loan_id" text NOT NULL,
	"period" integer NOT NULL,
	"due_date" date NOT NULL,
	"principal_due" bigint NOT NULL,
	"interest_due" bigint NOT NULL,
	"principal_paid" bigint DEFAULT 0 NOT NULL,
	"interest_paid" bigint DEFAULT 0 NOT NULL,
	"penalty_accrued" bigint DEFAULT 0 NOT NULL,
	"penalty_paid" bigint DEFAULT 0 NOT NULL,
	"penalty_through" date,
	"auto_debit_on" date,
	"status" "loan_instalment_status" DEFAULT 'SCHEDULED' NOT NULL,
	"paid_at" timestamp with time zone,
	CONSTRAINT "loan_instalments_parts" CHECK ("loan_instalments"."principal_paid" >= 0 AND "loan_instalments"."principal_paid" <= "loan_instalments"."principal_due" AND "loan_instalments"."interest_paid" <= "loan_instalments"."interest_due"),
	CONSTRAINT "loan_instalments_penalty" CHECK ("loan_instalments"."penalty_paid" >= 0 AND "loan_instalments"."penalty_paid" <= "loan_instalments"."penalty_accrued")
);
--> statement-breakpoint
CREATE TABLE "loan_payments" (
	"id" text PRIMARY KEY NOT NULL,
	"loan_id" text NOT NULL,
	"kind" "loan_payment_kind" NOT NULL,
	"entry_id" text NOT NULL,
	"amount" bigint NOT NULL,
	"penalty" bigint NOT NULL,
	"interest" bigint NOT NULL,
	"principal" bigint NOT NULL,
	"created_by_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "loan_payments_split" CHECK ("loan_payments"."amount" = "loan_payments"."penalty" + "loan_payments"."interest" + "loan_payments"."principal" AND "loan_payments"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "loan_category_changes" (
	"id" text PRIMARY KEY NOT NULL,
	"loan_id" text NOT NULL,
	"from_category" "loan_category" NOT NULL,
	"to_category" "loan_category" NOT NULL,
	"reason" text NOT NULL,
	"days_overdue" integer NOT NULL,
	"decided_by_id" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "loan_events" (
	"id" text PRIMARY KEY NOT NULL,
	"loan_id" text NOT NULL,
	"action" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"actor_id" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "loan_complaint_links" (
	"loan_id" text NOT NULL,
	"complaint_id" text NOT NULL,
	"linked_by_id" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "loan_complaint_links_loan_id_complaint_id_pk" PRIMARY KEY("loan_id","complaint_id")
);
--> statement-breakpoint
ALTER TABLE "loan_rates" ADD CONSTRAINT "loan_rates_product_id_loan_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."loan_products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_product_id_loan_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."loan_products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_applied_by_id_staff_id_fk" FOREIGN KEY ("applied_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_reviewed_by_id_staff_id_fk" FOREIGN KEY ("reviewed_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_approved_by_id_staff_id_fk" FOREIGN KEY ("approved_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_rejected_by_id_staff_id_fk" FOREIGN KEY ("rejected_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_disbursement_entry_id_journal_entries_id_fk" FOREIGN KEY ("disbursement_entry_id") REFERENCES "public"."journal_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_write_off_requested_by_id_staff_id_fk" FOREIGN KEY ("write_off_requested_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_written_off_by_id_staff_id_fk" FOREIGN KEY ("written_off_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_instalments" ADD CONSTRAINT "loan_instalments_loan_id_loans_id_fk" FOREIGN KEY ("loan_id") REFERENCES "public"."loans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_payments" ADD CONSTRAINT "loan_payments_loan_id_loans_id_fk" FOREIGN KEY ("loan_id") REFERENCES "public"."loans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_payments" ADD CONSTRAINT "loan_payments_entry_id_journal_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."journal_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_payments" ADD CONSTRAINT "loan_payments_created_by_id_staff_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_category_changes" ADD CONSTRAINT "loan_category_changes_loan_id_loans_id_fk" FOREIGN KEY ("loan_id") REFERENCES "public"."loans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_category_changes" ADD CONSTRAINT "loan_category_changes_decided_by_id_staff_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_events" ADD CONSTRAINT "loan_events_loan_id_loans_id_fk" FOREIGN KEY ("loan_id") REFERENCES "public"."loans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_events" ADD CONSTRAINT "loan_events_actor_id_staff_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_complaint_links" ADD CONSTRAINT "loan_complaint_links_loan_id_loans_id_fk" FOREIGN KEY ("loan_id") REFERENCES "public"."loans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_complaint_links" ADD CONSTRAINT "loan_complaint_links_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_complaint_links" ADD CONSTRAINT "loan_complaint_links_linked_by_id_staff_id_fk" FOREIGN KEY ("linked_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "loan_products_kind_uq" ON "loan_products" USING btree ("kind");--> statement-breakpoint
CREATE UNIQUE INDEX "loan_rates_product_date_uq" ON "loan_rates" USING btree ("product_id","effective_from");--> statement-breakpoint
CREATE INDEX "loans_created_idx" ON "loans" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "loans_customer_idx" ON "loans" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "loans_account_idx" ON "loans" USING btree ("account_id","status");--> statement-breakpoint
CREATE INDEX "loans_status_idx" ON "loans" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "loans_disbursement_uq" ON "loans" USING btree ("disbursement_entry_id");--> statement-breakpoint
CREATE UNIQUE INDEX "loans_contract_uq" ON "loans" USING btree ("contract_number");--> statement-breakpoint
CREATE UNIQUE INDEX "loan_instalments_period_uq" ON "loan_instalments" USING btree ("loan_id","period") WHERE "loan_instalments"."status" <> 'CANCELLED';--> statement-breakpoint
CREATE INDEX "loan_instalments_due_idx" ON "loan_instalments" USING btree ("status","due_date");--> statement-breakpoint
CREATE INDEX "loan_instalments_loan_idx" ON "loan_instalments" USING btree ("loan_id","status","due_date");--> statement-breakpoint
CREATE INDEX "loan_payments_loan_idx" ON "loan_payments" USING btree ("loan_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "loan_payments_entry_uq" ON "loan_payments" USING btree ("entry_id");--> statement-breakpoint
CREATE INDEX "loan_category_changes_loan_idx" ON "loan_category_changes" USING btree ("loan_id","at");--> statement-breakpoint
CREATE INDEX "loan_events_loan_idx" ON "loan_events" USING btree ("loan_id","at");--> statement-breakpoint
CREATE INDEX "loan_complaint_links_complaint_idx" ON "loan_complaint_links" USING btree ("complaint_id");