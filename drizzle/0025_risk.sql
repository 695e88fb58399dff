CREATE TYPE "public"."risk_alert_severity" AS ENUM('LOW', 'MEDIUM', 'HIGH', 'CRITICAL');--> statement-breakpoint
CREATE TYPE "public"."large_value_kind" AS ENUM('CASH', 'TRANSFER');--> statement-breakpoint
CREATE TYPE "public"."large_value_report_status" AS ENUM('PENDING', 'SUBMITTED');--> statement-breakpoint
CREATE TYPE "public"."risk_alert_status" AS ENUM('OPEN', 'DISMISSED', 'CONFIRMED', 'REPORTED');--> statement-breakpoint
CREATE TYPE "public"."suspicious_report_status" AS ENUM('DRAFT', 'SUBMITTED');--> statement-breakpoint
CREATE TYPE "public"."risk_category" AS ENUM('OPERATIONAL', 'CREDIT', 'MARKET', 'COMPLIANCE', 'FRAUD', 'REPUTATIONAL', 'INFORMATION_TECHNOLOGY');--> statement-breakpoint
CREATE TYPE "public"."risk_source" AS ENUM('COMPLAINT', 'INCIDENT', 'SECURITY_INCIDENT', 'INSPECTION', 'TRANSACTION_MONITORING', 'AUDIT');--> statement-breakpoint
CREATE TYPE "public"."risk_level" AS ENUM('LOW', 'MEDIUM', 'HIGH', 'CRITICAL');--> statement-breakpoint
CREATE TYPE "public"."risk_status" AS ENUM('OPEN', 'CLOSED');--> statement-breakpoint
CREATE TYPE "public"."risk_control_status" AS ENUM('PLANNED', 'ACTIVE', 'COMPLETED', 'CANCELLED');--> statement-breakpoint
CREATE TABLE "monitoring_rules" (
	"code" text PRIMARY KEY NOT NULL,
	"threshold" bigint NOT NULL,
	"window_hours" integer NOT NULL,
	"percent" integer,
	"min_count" integer,
	"severity" "risk_alert_severity" NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"updated_by_id" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "monitoring_rules_threshold" CHECK ("monitoring_rules"."threshold" > 0),
	CONSTRAINT "monitoring_rules_window" CHECK ("monitoring_rules"."window_hours" > 0),
	CONSTRAINT "monitoring_rules_percent" CHECK ("monitoring_rules"."percent" IS NULL OR ("monitoring_rules"."percent" BETWEEN 1 AND 100))
);
--> statement-breakpoint
CREATE TABLE "risk_customer_party_types" (
	"customer_id" text PRIMARY KEY NOT NULL,
	"natural_person" boolean NOT NULL,
	"updated_by_id" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monitoring_day_totals" (
	"customer_id" text NOT NULL,
	"business_date" date NOT NULL,
	"kind" "large_value_kind" NOT NULL,
	"total" bigint NOT NULL,
	"postings" integer NOT NULL,
	CONSTRAINT "monitoring_day_totals_customer_id_business_date_kind_pk" PRIMARY KEY("customer_id","business_date","kind")
);
--> statement-breakpoint
CREATE TABLE "large_value_reports" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"business_date" date NOT NULL,
	"kind" "large_value_kind" NOT NULL,
	"total" bigint NOT NULL,
	"threshold" bigint NOT NULL,
	"due_date" date NOT NULL,
	"status" "large_value_report_status" DEFAULT 'PENDING' NOT NULL,
	"submitted_by_id" text,
	"submitted_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "large_value_report_entries" (
	"report_id" text NOT NULL,
	"entry_id" text NOT NULL,
	CONSTRAINT "large_value_report_entries_report_id_entry_id_pk" PRIMARY KEY("report_id","entry_id")
);
--> statement-breakpoint
CREATE TABLE "risk_alerts" (
	"id" text PRIMARY KEY NOT NULL,
	"rule_code" text NOT NULL,
	"severity" "risk_alert_severity" NOT NULL,
	"customer_id" text NOT NULL,
	"business_date" date NOT NULL,
	"detail" text NOT NULL,
	"status" "risk_alert_status" DEFAULT 'OPEN' NOT NULL,
	"review_note" text,
	"reviewed_by_id" text,
	"reviewed_at" timestamp with time zone,
	"risk_id" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_alert_entries" (
	"alert_id" text NOT NULL,
	"entry_id" text NOT NULL,
	CONSTRAINT "risk_alert_entries_alert_id_entry_id_pk" PRIMARY KEY("alert_id","entry_id")
);
--> statement-breakpoint
CREATE TABLE "suspicious_transaction_reports" (
	"id" text PRIMARY KEY NOT NULL,
	"alert_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"narrative" text NOT NULL,
	"status" "suspicious_report_status" DEFAULT 'DRAFT' NOT NULL,
	"prepared_by_id" text NOT NULL,
	"submitted_by_id" text,
	"submitted_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "suspicious_reports_four_eyes" CHECK ("suspicious_transaction_reports"."submitted_by_id" IS NULL OR "suspicious_transaction_reports"."submitted_by_id" <> "suspicious_transaction_reports"."prepared_by_id")
);
--> statement-breakpoint
CREATE TABLE "risks" (
	"id" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"category" "risk_category" NOT NULL,
	"source" "risk_source" NOT NULL,
	"source_id" text,
	"source_reference" text,
	"customer_id" text,
	"department_id" text NOT NULL,
	"likelihood" integer NOT NULL,
	"impact" integer NOT NULL,
	"score" integer NOT NULL,
	"level" "risk_level" NOT NULL,
	"status" "risk_status" DEFAULT 'OPEN' NOT NULL,
	"flagged_at" timestamp with time zone,
	"flag_reason" text,
	"identified_by_id" text NOT NULL,
	"identified_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "risks_likelihood" CHECK ("risks"."likelihood" BETWEEN 1 AND 5),
	CONSTRAINT "risks_impact" CHECK ("risks"."impact" BETWEEN 1 AND 5)
);
--> statement-breakpoint
CREATE TABLE "risk_assessments" (
	"id" text PRIMARY KEY NOT NULL,
	"risk_id" text NOT NULL,
	"likelihood" integer NOT NULL,
	"impact" integer NOT NULL,
	"score" integer NOT NULL,
	"level" "risk_level" NOT NULL,
	"note" text NOT NULL,
	"assessed_by_id" text NOT NULL,
	"assessed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_controls" (
	"id" text PRIMARY KEY NOT NULL,
	"risk_id" text NOT NULL,
	"measure" text NOT NULL,
	"owner_id" text NOT NULL,
	"due_date" date NOT NULL,
	"status" "risk_control_status" DEFAULT 'PLANNED' NOT NULL,
	"created_by_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "monitoring_rules" ADD CONSTRAINT "monitoring_rules_updated_by_id_staff_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_customer_party_types" ADD CONSTRAINT "risk_customer_party_types_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_customer_party_types" ADD CONSTRAINT "risk_customer_party_types_updated_by_id_staff_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_day_totals" ADD CONSTRAINT "monitoring_day_totals_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "large_value_reports" ADD CONSTRAINT "large_value_reports_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "large_value_reports" ADD CONSTRAINT "large_value_reports_submitted_by_id_staff_id_fk" FOREIGN KEY ("submitted_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "large_value_report_entries" ADD CONSTRAINT "large_value_report_entries_report_id_large_value_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."large_value_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "large_value_report_entries" ADD CONSTRAINT "large_value_report_entries_entry_id_journal_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."journal_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_alerts" ADD CONSTRAINT "risk_alerts_rule_code_monitoring_rules_code_fk" FOREIGN KEY ("rule_code") REFERENCES "public"."monitoring_rules"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_alerts" ADD CONSTRAINT "risk_alerts_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_alerts" ADD CONSTRAINT "risk_alerts_reviewed_by_id_staff_id_fk" FOREIGN KEY ("reviewed_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_alert_entries" ADD CONSTRAINT "risk_alert_entries_alert_id_risk_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."risk_alerts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_alert_entries" ADD CONSTRAINT "risk_alert_entries_entry_id_journal_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."journal_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suspicious_transaction_reports" ADD CONSTRAINT "suspicious_transaction_reports_alert_id_risk_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."risk_alerts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suspicious_transaction_reports" ADD CONSTRAINT "suspicious_transaction_reports_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suspicious_transaction_reports" ADD CONSTRAINT "suspicious_transaction_reports_prepared_by_id_staff_id_fk" FOREIGN KEY ("prepared_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suspicious_transaction_reports" ADD CONSTRAINT "suspicious_transaction_reports_submitted_by_id_staff_id_fk" FOREIGN KEY ("submitted_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_identified_by_id_staff_id_fk" FOREIGN KEY ("identified_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_assessments" ADD CONSTRAINT "risk_assessments_risk_id_risks_id_fk" FOREIGN KEY ("risk_id") REFERENCES "public"."risks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_assessments" ADD CONSTRAINT "risk_assessments_assessed_by_id_staff_id_fk" FOREIGN KEY ("assessed_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_controls" ADD CONSTRAINT "risk_controls_risk_id_risks_id_fk" FOREIGN KEY ("risk_id") REFERENCES "public"."risks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_controls" ADD CONSTRAINT "risk_controls_owner_id_staff_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_controls" ADD CONSTRAINT "risk_controls_created_by_id_staff_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "large_value_reports_day_uq" ON "large_value_reports" USING btree ("customer_id","business_date","kind");--> statement-breakpoint
CREATE INDEX "large_value_reports_created_idx" ON "large_value_reports" USING btree ("created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "risk_alerts_day_uq" ON "risk_alerts" USING btree ("rule_code","customer_id","business_date");--> statement-breakpoint
CREATE INDEX "risk_alerts_created_idx" ON "risk_alerts" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "risk_alerts_status_idx" ON "risk_alerts" USING btree ("status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "suspicious_reports_alert_uq" ON "suspicious_transaction_reports" USING btree ("alert_id");--> statement-breakpoint
CREATE INDEX "suspicious_reports_created_idx" ON "suspicious_transaction_reports" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "risks_identified_idx" ON "risks" USING btree ("identified_at","id");--> statement-breakpoint
CREATE INDEX "risks_source_idx" ON "risks" USING btree ("source_id");--> statement-breakpoint
CREATE INDEX "risks_department_idx" ON "risks" USING btree ("department_id","identified_at");--> statement-breakpoint
CREATE INDEX "risk_assessments_risk_idx" ON "risk_assessments" USING btree ("risk_id","assessed_at");--> statement-breakpoint
CREATE INDEX "risk_controls_risk_idx" ON "risk_controls" USING btree ("risk_id","status");