CREATE TYPE "public"."account_kind" AS ENUM('CUSTOMER', 'TIME_DEPOSIT', 'INTERNAL');--> statement-breakpoint
CREATE TYPE "public"."account_status" AS ENUM('ACTIVE', 'FROZEN', 'DORMANT', 'CLOSED');--> statement-breakpoint
CREATE TYPE "public"."account_type" AS ENUM('SAVINGS', 'CURRENT');--> statement-breakpoint
CREATE TYPE "public"."journal_entry_kind" AS ENUM('CASH_DEPOSIT', 'CASH_WITHDRAWAL', 'TRANSFER', 'TIME_DEPOSIT_OPEN', 'TIME_DEPOSIT_PAYOUT', 'REVERSAL');--> statement-breakpoint
CREATE TYPE "public"."freeze_action" AS ENUM('FREEZE', 'UNFREEZE');--> statement-breakpoint
CREATE TYPE "public"."freeze_reason" AS ENUM('JUDICIAL', 'SUSPECTED_FRAUD', 'CUSTOMER_REQUEST', 'OTHER');--> statement-breakpoint
CREATE TYPE "public"."loss_medium" AS ENUM('CARD', 'PASSBOOK');--> statement-breakpoint
CREATE TYPE "public"."approval_status" AS ENUM('PENDING', 'APPROVED', 'REJECTED');--> statement-breakpoint
CREATE TYPE "public"."large_transaction_kind" AS ENUM('CASH_DEPOSIT', 'CASH_WITHDRAWAL');--> statement-breakpoint
CREATE TYPE "public"."time_deposit_status" AS ENUM('OPEN', 'MATURED', 'WITHDRAWN_EARLY');--> statement-breakpoint
CREATE SEQUENCE "public"."account_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "accounts" (
	"id" text PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"kind" "account_kind" DEFAULT 'CUSTOMER' NOT NULL,
	"customer_id" text,
	"type" "account_type",
	"currency" text DEFAULT 'CNY' NOT NULL,
	"status" "account_status" DEFAULT 'ACTIVE' NOT NULL,
	"opening_balance" bigint DEFAULT 0 NOT NULL,
	"balance" bigint DEFAULT 0 NOT NULL,
	"freeze_reason" "freeze_reason",
	"loss_medium" "loss_medium",
	"loss_reported_at" timestamp with time zone,
	"opened_by_id" text,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"last_activity_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accounts_balance_not_negative" CHECK ("accounts"."kind" = 'INTERNAL' OR "accounts"."balance" >= 0),
	CONSTRAINT "accounts_opening_not_negative" CHECK ("accounts"."kind" = 'INTERNAL' OR "accounts"."opening_balance" >= 0),
	CONSTRAINT "accounts_currency_code" CHECK ("accounts"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "accounts_customer_fields" CHECK ("accounts"."kind" <> 'CUSTOMER' OR ("accounts"."customer_id" IS NOT NULL AND "accounts"."type" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "account_freeze_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"action" "freeze_action" NOT NULL,
	"reason" "freeze_reason" NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"status" "approval_status" DEFAULT 'PENDING' NOT NULL,
	"requested_by_id" text NOT NULL,
	"decided_by_id" text,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "account_freeze_requests_four_eyes" CHECK ("account_freeze_requests"."decided_by_id" IS NULL OR "account_freeze_requests"."decided_by_id" <> "account_freeze_requests"."requested_by_id")
);
--> statement-breakpoint
CREATE TABLE "journal_entries" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" "journal_entry_kind" NOT NULL,
	"memo" text DEFAULT '' NOT NULL,
	"reverses_id" text,
	"created_by_id" text,
	"approved_by_id" text,
	"idempotency_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "journal_lines" (
	"id" text PRIMARY KEY NOT NULL,
	"seq" bigserial NOT NULL,
	"entry_id" text NOT NULL,
	"account_id" text NOT NULL,
	"amount" bigint NOT NULL,
	"balance_after" bigint NOT NULL,
	"posted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "journal_lines_amount_not_zero" CHECK ("journal_lines"."amount" <> 0)
);
--> statement-breakpoint
CREATE TABLE "deposit_rates" (
	"id" text PRIMARY KEY NOT NULL,
	"term_months" integer NOT NULL,
	"annual_rate_micro" integer NOT NULL,
	"effective_from" date NOT NULL,
	"created_by_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deposit_rates_term" CHECK ("deposit_rates"."term_months" IN (0, 3, 6, 12, 24, 36, 60)),
	CONSTRAINT "deposit_rates_range" CHECK ("deposit_rates"."annual_rate_micro" >= 0 AND "deposit_rates"."annual_rate_micro" <= 1000000)
);
--> statement-breakpoint
CREATE TABLE "large_transactions" (
	"id" text PRIMARY KEY NOT NULL,
	"entry_id" text NOT NULL,
	"account_id" text NOT NULL,
	"customer_id" text,
	"kind" "large_transaction_kind" NOT NULL,
	"amount" bigint NOT NULL,
	"threshold_amount" bigint NOT NULL,
	"handled_by_id" text,
	"approved_by_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "time_deposits" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"linked_account_id" text NOT NULL,
	"holding_account_id" text NOT NULL,
	"principal" bigint NOT NULL,
	"term_months" integer NOT NULL,
	"annual_rate_micro" integer NOT NULL,
	"start_date" date NOT NULL,
	"maturity_date" date NOT NULL,
	"status" time_deposit_status DEFAULT 'OPEN' NOT NULL,
	"interest_paid" bigint,
	"payout_entry_id" text,
	"opened_by_id" text,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "time_deposits_principal_positive" CHECK ("time_deposits"."principal" > 0),
	CONSTRAINT "time_deposits_term" CHECK ("time_deposits"."term_months" IN (3, 6, 12, 24, 36, 60))
);
--> statement-breakpoint
CREATE TABLE "cash_withdrawal_approvals" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"amount" bigint NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"status" "approval_status" DEFAULT 'PENDING' NOT NULL,
	"requested_by_id" text NOT NULL,
	"decided_by_id" text,
	"decided_at" timestamp with time zone,
	"entry_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cash_withdrawal_approvals_positive" CHECK ("cash_withdrawal_approvals"."amount" > 0),
	CONSTRAINT "cash_withdrawal_approvals_four_eyes" CHECK ("cash_withdrawal_approvals"."decided_by_id" IS NULL OR "cash_withdrawal_approvals"."decided_by_id" <> "cash_withdrawal_approvals"."requested_by_id")
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_opened_by_id_staff_id_fk" FOREIGN KEY ("opened_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_freeze_requests" ADD CONSTRAINT "account_freeze_requests_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_freeze_requests" ADD CONSTRAINT "account_freeze_requests_requested_by_id_staff_id_fk" FOREIGN KEY ("requested_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_freeze_requests" ADD CONSTRAINT "account_freeze_requests_decided_by_id_staff_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_entries" ADD CONSTRAINT "journal_entries_created_by_id_staff_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_entries" ADD CONSTRAINT "journal_entries_approved_by_id_staff_id_fk" FOREIGN KEY ("approved_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_lines" ADD CONSTRAINT "journal_lines_entry_id_journal_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."journal_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_lines" ADD CONSTRAINT "journal_lines_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deposit_rates" ADD CONSTRAINT "deposit_rates_created_by_id_staff_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "large_transactions" ADD CONSTRAINT "large_transactions_entry_id_journal_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."journal_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "large_transactions" ADD CONSTRAINT "large_transactions_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "large_transactions" ADD CONSTRAINT "large_transactions_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "large_transactions" ADD CONSTRAINT "large_transactions_handled_by_id_staff_id_fk" FOREIGN KEY ("handled_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "large_transactions" ADD CONSTRAINT "large_transactions_approved_by_id_staff_id_fk" FOREIGN KEY ("approved_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_deposits" ADD CONSTRAINT "time_deposits_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_deposits" ADD CONSTRAINT "time_deposits_linked_account_id_accounts_id_fk" FOREIGN KEY ("linked_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_deposits" ADD CONSTRAINT "time_deposits_holding_account_id_accounts_id_fk" FOREIGN KEY ("holding_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_deposits" ADD CONSTRAINT "time_deposits_payout_entry_id_journal_entries_id_fk" FOREIGN KEY ("payout_entry_id") REFERENCES "public"."journal_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_deposits" ADD CONSTRAINT "time_deposits_opened_by_id_staff_id_fk" FOREIGN KEY ("opened_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cash_withdrawal_approvals" ADD CONSTRAINT "cash_withdrawal_approvals_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cash_withdrawal_approvals" ADD CONSTRAINT "cash_withdrawal_approvals_requested_by_id_staff_id_fk" FOREIGN KEY ("requested_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cash_withdrawal_approvals" ADD CONSTRAINT "cash_withdrawal_approvals_decided_by_id_staff_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cash_withdrawal_approvals" ADD CONSTRAINT "cash_withdrawal_approvals_entry_id_journal_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."journal_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_number_uq" ON "accounts" USING btree ("number");--> statement-breakpoint
CREATE INDEX "accounts_customer_idx" ON "accounts" USING btree ("customer_id","opened_at");--> statement-breakpoint
CREATE INDEX "accounts_opened_idx" ON "accounts" USING btree ("opened_at","id");--> statement-breakpoint
CREATE INDEX "account_freeze_requests_account_idx" ON "account_freeze_requests" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE INDEX "account_freeze_requests_created_idx" ON "account_freeze_requests" USING btree ("created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "journal_entries_reverses_uq" ON "journal_entries" USING btree ("reverses_id");--> statement-breakpoint
CREATE UNIQUE INDEX "journal_entries_key_uq" ON "journal_entries" USING btree ("created_by_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "journal_entries_created_idx" ON "journal_entries" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "journal_lines_account_idx" ON "journal_lines" USING btree ("account_id","seq");--> statement-breakpoint
CREATE INDEX "journal_lines_account_time_idx" ON "journal_lines" USING btree ("account_id","posted_at","seq");--> statement-breakpoint
CREATE INDEX "journal_lines_entry_idx" ON "journal_lines" USING btree ("entry_id");--> statement-breakpoint
CREATE UNIQUE INDEX "deposit_rates_term_date_uq" ON "deposit_rates" USING btree ("term_months","effective_from");--> statement-breakpoint
CREATE UNIQUE INDEX "large_transactions_entry_uq" ON "large_transactions" USING btree ("entry_id");--> statement-breakpoint
CREATE INDEX "large_transactions_created_idx" ON "large_transactions" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "time_deposits_linked_idx" ON "time_deposits" USING btree ("linked_account_id","status");--> statement-breakpoint
CREATE INDEX "time_deposits_maturity_idx" ON "time_deposits" USING btree ("status","maturity_date");--> statement-breakpoint
CREATE INDEX "time_deposits_created_idx" ON "time_deposits" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "cash_withdrawal_approvals_created_idx" ON "cash_withdrawal_approvals" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "cash_withdrawal_approvals_account_idx" ON "cash_withdrawal_approvals" USING btree ("account_id");