CREATE TYPE "public"."metal_product_kind" AS ENUM('GOLD_BAR', 'GOLD_ACCUMULATION', 'SILVER');--> statement-breakpoint
CREATE TYPE "public"."metal_product_risk_level" AS ENUM('R1', 'R2', 'R3', 'R4', 'R5');--> statement-breakpoint
CREATE TYPE "public"."risk_assessment_level" AS ENUM('C1', 'C2', 'C3', 'C4', 'C5');--> statement-breakpoint
CREATE TYPE "public"."metal_trade_side" AS ENUM('BUY', 'SELL');--> statement-breakpoint
CREATE TYPE "public"."service_request_status" AS ENUM('SUBMITTED', 'IN_PROGRESS', 'DONE', 'REFUSED');--> statement-breakpoint
ALTER TYPE "public"."journal_entry_kind" ADD VALUE 'METAL_BUY';--> statement-breakpoint
ALTER TYPE "public"."journal_entry_kind" ADD VALUE 'METAL_SELL';--> statement-breakpoint
CREATE TABLE "metal_products" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" "metal_product_kind" NOT NULL,
	"risk_level" "metal_product_risk_level" NOT NULL,
	"disclosure_version" integer DEFAULT 1 NOT NULL,
	"disclosure_text" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "metal_quotes" (
	"id" text PRIMARY KEY NOT NULL,
	"product_id" text NOT NULL,
	"buy_price" bigint NOT NULL,
	"sell_price" bigint NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	"valid_until" timestamp with time zone NOT NULL,
	"created_by_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "metal_quotes_prices_positive" CHECK ("metal_quotes"."buy_price" > 0 AND "metal_quotes"."sell_price" > 0),
	CONSTRAINT "metal_quotes_spread" CHECK ("metal_quotes"."sell_price" <= "metal_quotes"."buy_price"),
	CONSTRAINT "metal_quotes_validity" CHECK ("metal_quotes"."valid_until" > "metal_quotes"."valid_from")
);
--> statement-breakpoint
CREATE TABLE "customer_risk_assessments" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"answers" integer[] NOT NULL,
	"score" integer NOT NULL,
	"level" "risk_assessment_level" NOT NULL,
	"assessed_at" timestamp with time zone NOT NULL,
	"valid_until" timestamp with time zone NOT NULL,
	"assessed_by_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "metal_disclosure_acknowledgements" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"product_id" text NOT NULL,
	"disclosure_version" integer NOT NULL,
	"acknowledged_at" timestamp with time zone NOT NULL,
	"recorded_by_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "metal_holdings" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"product_id" text NOT NULL,
	"units" bigint DEFAULT 0 NOT NULL,
	"cost" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "metal_holdings_units_not_negative" CHECK ("metal_holdings"."units" >= 0),
	CONSTRAINT "metal_holdings_cost_not_negative" CHECK ("metal_holdings"."cost" >= 0)
);
--> statement-breakpoint
CREATE TABLE "metal_trades" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"product_id" text NOT NULL,
	"account_id" text NOT NULL,
	"quote_id" text NOT NULL,
	"side" "metal_trade_side" NOT NULL,
	"units" bigint NOT NULL,
	"price_per_gram" bigint NOT NULL,
	"amount" bigint NOT NULL,
	"entry_id" text NOT NULL,
	"recorded_sales" boolean NOT NULL,
	"recorded_sales_reasons" text[] NOT NULL,
	"holding_units_after" bigint NOT NULL,
	"handled_by_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "metal_trades_units_positive" CHECK ("metal_trades"."units" > 0),
	CONSTRAINT "metal_trades_amount_positive" CHECK ("metal_trades"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "service_request_types" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"description" text NOT NULL,
	"deadline_hours" integer NOT NULL,
	"required_fields" text[] NOT NULL,
	"optional_fields" text[] DEFAULT '{}' NOT NULL,
	"completed_by_position" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_request_types_deadline" CHECK ("service_request_types"."deadline_hours" > 0),
	CONSTRAINT "service_request_types_position" CHECK ("service_request_types"."completed_by_position" in ('REPRESENTATIVE', 'MANAGER', 'SUPERVISOR', 'HEAD_OFFICE_SENIOR', 'RISK_OFFICER', 'SECURITY_OFFICER', 'TRAINER', 'EQUIPMENT_ADMINISTRATOR', 'FINANCE_APPROVER', 'SYSTEM_ADMINISTRATOR'))
);
--> statement-breakpoint
CREATE TABLE "service_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"type_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"visit_id" text,
	"fields" jsonb NOT NULL,
	"status" "service_request_status" DEFAULT 'SUBMITTED' NOT NULL,
	"refusal_reason" text,
	"result_note" text,
	"due_at" timestamp with time zone NOT NULL,
	"overdue_at" timestamp with time zone,
	"submitted_by_id" text NOT NULL,
	"handler_id" text,
	"closed_by_id" text,
	"submitted_at" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	CONSTRAINT "service_requests_refusal_reason" CHECK ("service_requests"."status" <> 'REFUSED' OR "service_requests"."refusal_reason" IS NOT NULL)
);
--> statement-breakpoint
ALTER TABLE "metal_quotes" ADD CONSTRAINT "metal_quotes_product_id_metal_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."metal_products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "metal_quotes" ADD CONSTRAINT "metal_quotes_created_by_id_staff_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_risk_assessments" ADD CONSTRAINT "customer_risk_assessments_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_risk_assessments" ADD CONSTRAINT "customer_risk_assessments_assessed_by_id_staff_id_fk" FOREIGN KEY ("assessed_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "metal_disclosure_acknowledgements" ADD CONSTRAINT "metal_disclosure_acknowledgements_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "metal_disclosure_acknowledgements" ADD CONSTRAINT "metal_disclosure_acknowledgements_product_id_metal_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."metal_products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "metal_disclosure_acknowledgements" ADD CONSTRAINT "metal_disclosure_acknowledgements_recorded_by_id_staff_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "metal_holdings" ADD CONSTRAINT "metal_holdings_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "metal_holdings" ADD CONSTRAINT "metal_holdings_product_id_metal_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."metal_products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "metal_trades" ADD CONSTRAINT "metal_trades_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "metal_trades" ADD CONSTRAINT "metal_trades_product_id_metal_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."metal_products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "metal_trades" ADD CONSTRAINT "metal_trades_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "metal_trades" ADD CONSTRAINT "metal_trades_quote_id_metal_quotes_id_fk" FOREIGN KEY ("quote_id") REFERENCES "public"."metal_quotes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "metal_trades" ADD CONSTRAINT "metal_trades_entry_id_journal_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."journal_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "metal_trades" ADD CONSTRAINT "metal_trades_handled_by_id_staff_id_fk" FOREIGN KEY ("handled_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_requests" ADD CONSTRAINT "service_requests_type_id_service_request_types_id_fk" FOREIGN KEY ("type_id") REFERENCES "public"."service_request_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_requests" ADD CONSTRAINT "service_requests_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_requests" ADD CONSTRAINT "service_requests_visit_id_reception_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."reception_visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_requests" ADD CONSTRAINT "service_requests_submitted_by_id_staff_id_fk" FOREIGN KEY ("submitted_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_requests" ADD CONSTRAINT "service_requests_handler_id_staff_id_fk" FOREIGN KEY ("handler_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_requests" ADD CONSTRAINT "service_requests_closed_by_id_staff_id_fk" FOREIGN KEY ("closed_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "metal_products_code_uq" ON "metal_products" USING btree ("code");--> statement-breakpoint
CREATE INDEX "metal_products_created_idx" ON "metal_products" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "metal_quotes_product_idx" ON "metal_quotes" USING btree ("product_id","valid_from");--> statement-breakpoint
CREATE INDEX "metal_quotes_created_idx" ON "metal_quotes" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "customer_risk_assessments_customer_idx" ON "customer_risk_assessments" USING btree ("customer_id","assessed_at");--> statement-breakpoint
CREATE INDEX "customer_risk_assessments_created_idx" ON "customer_risk_assessments" USING btree ("assessed_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "metal_disclosure_ack_uq" ON "metal_disclosure_acknowledgements" USING btree ("customer_id","product_id","disclosure_version");--> statement-breakpoint
CREATE INDEX "metal_disclosure_ack_created_idx" ON "metal_disclosure_acknowledgements" USING btree ("acknowledged_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "metal_holdings_customer_product_uq" ON "metal_holdings" USING btree ("customer_id","product_id");--> statement-breakpoint
CREATE INDEX "metal_holdings_created_idx" ON "metal_holdings" USING btree ("created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "metal_trades_entry_uq" ON "metal_trades" USING btree ("entry_id");--> statement-breakpoint
CREATE INDEX "metal_trades_customer_idx" ON "metal_trades" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE INDEX "metal_trades_created_idx" ON "metal_trades" USING btree ("created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "service_request_types_code_uq" ON "service_request_types" USING btree ("code");--> statement-breakpoint
CREATE INDEX "service_request_types_created_idx" ON "service_request_types" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "service_requests_customer_idx" ON "service_requests" USING btree ("customer_id","submitted_at");--> statement-breakpoint
CREATE INDEX "service_requests_submitted_idx" ON "service_requests" USING btree ("submitted_at","id");--> statement-breakpoint
CREATE INDEX "service_requests_open_due_idx" ON "service_requests" USING btree ("due_at") WHERE "service_requests"."status" in ('SUBMITTED', 'IN_PROGRESS') and "service_requests"."overdue_at" is null;