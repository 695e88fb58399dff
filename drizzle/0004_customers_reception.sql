CREATE TYPE "public"."customer_access_purpose" AS ENUM('IDENTITY_CHECK', 'BUSINESS_HANDLING', 'COMPLAINT_INVESTIGATION', 'RISK_REVIEW', 'REGULATORY_REQUEST', 'FRAUD_INVESTIGATION');--> statement-breakpoint
CREATE TYPE "public"."consent_channel" AS ENUM('COUNTER', 'PHONE', 'ONLINE', 'APP', 'PAPER_FORM');--> statement-breakpoint
CREATE TYPE "public"."consent_purpose" AS ENUM('SERVICE', 'RISK_ASSESSMENT', 'CREDIT_CHECK', 'MARKETING', 'THIRD_PARTY_SHARING');--> statement-breakpoint
CREATE TYPE "public"."customer_id_type" AS ENUM('RESIDENT_ID', 'PASSPORT', 'HK_MACAO_PERMIT', 'TAIWAN_PERMIT', 'FOREIGN_PERMANENT_RESIDENT_ID');--> statement-breakpoint
CREATE TYPE "public"."customer_protected_field" AS ENUM('ID_NUMBER', 'MOBILE', 'ADDRESS');--> statement-breakpoint
CREATE TYPE "public"."customer_risk_level" AS ENUM('C1', 'C2', 'C3', 'C4', 'C5');--> statement-breakpoint
CREATE TYPE "public"."customer_sex" AS ENUM('MALE', 'FEMALE', 'UNSPECIFIED');--> statement-breakpoint
CREATE TYPE "public"."customer_tier" AS ENUM('REGULAR', 'GOLD', 'PLATINUM', 'DIAMOND', 'PRIVATE_BANKING');--> statement-breakpoint
CREATE TYPE "public"."customer_verification_method" AS ENUM('ID_CARD_READER', 'DOCUMENT_INSPECTION', 'ONLINE_ID_CHECK', 'FACE_RECOGNITION');--> statement-breakpoint
CREATE TYPE "public"."reception_business_type" AS ENUM('ACCOUNT', 'DEPOSIT', 'LOAN', 'CARD', 'PRECIOUS_METALS', 'CONSULTATION', 'COMPLAINT', 'OTHER');--> statement-breakpoint
CREATE TYPE "public"."reception_channel" AS ENUM('COUNTER', 'PHONE', 'ONLINE', 'APP');--> statement-breakpoint
CREATE TYPE "public"."reception_escalation_target" AS ENUM('COMPLAINT', 'EMERGENCY_INCIDENT', 'SECURITY_INCIDENT');--> statement-breakpoint
CREATE TYPE "public"."reception_exception_kind" AS ENUM('SYSTEM_FAILURE', 'CUSTOMER_DISPUTE', 'SUSPECTED_FRAUD', 'LOST_DOCUMENT', 'CUSTOMER_EMERGENCY', 'OTHER');--> statement-breakpoint
CREATE TYPE "public"."reception_priority_group" AS ENUM('ELDERLY', 'DISABLED', 'PREGNANT', 'VIP');--> statement-breakpoint
CREATE TYPE "public"."reception_visit_status" AS ENUM('WAITING', 'CALLED', 'SERVING', 'COMPLETED', 'ABANDONED', 'TRANSFERRED');--> statement-breakpoint
CREATE TABLE "customer_changes" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"field" text NOT NULL,
	"old_masked" text,
	"new_masked" text,
	"old_enc" text,
	"new_enc" text,
	"changed_by_id" text NOT NULL,
	"changed_at" timestamp with time zone NOT NULL,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "customer_consents" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"purpose" "consent_purpose" NOT NULL,
	"scope" text NOT NULL,
	"channel" "consent_channel" NOT NULL,
	"given_at" timestamp with time zone NOT NULL,
	"recorded_by_id" text NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by_id" text,
	"withdrawal_reason" text
);
--> statement-breakpoint
CREATE TABLE "customer_data_access" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"staff_id" text NOT NULL,
	"field" "customer_protected_field" NOT NULL,
	"purpose" "customer_access_purpose" NOT NULL,
	"purpose_detail" text NOT NULL,
	"accessed_at" timestamp with time zone NOT NULL,
	"request_id" text
);
--> statement-breakpoint
CREATE TABLE "customer_staff_links" (
	"customer_id" text NOT NULL,
	"staff_id" text NOT NULL,
	"registered" boolean DEFAULT false NOT NULL,
	"first_at" timestamp with time zone NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	CONSTRAINT "customer_staff_links_staff_id_customer_id_pk" PRIMARY KEY("staff_id","customer_id")
);
--> statement-breakpoint
CREATE TABLE "reception_exceptions" (
	"id" text PRIMARY KEY NOT NULL,
	"visit_id" text NOT NULL,
	"kind" "reception_exception_kind" NOT NULL,
	"description" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"recorded_by_id" text NOT NULL,
	"linked_type" "reception_escalation_target",
	"linked_id" text,
	"escalated_at" timestamp with time zone,
	"escalated_by_id" text
);
--> statement-breakpoint
CREATE TABLE "reception_ticket_counters" (
	"service_day" date NOT NULL,
	"prefix" text NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "reception_ticket_counters_service_day_prefix_pk" PRIMARY KEY("service_day","prefix")
);
--> statement-breakpoint
CREATE TABLE "reception_visits" (
	"id" text PRIMARY KEY NOT NULL,
	"ticket_number" text NOT NULL,
	"service_day" date NOT NULL,
	"channel" "reception_channel" NOT NULL,
	"business_type" "reception_business_type" NOT NULL,
	"customer_id" text,
	"priority_group" "reception_priority_group",
	"priority_note" text,
	"priority_granted_by_id" text,
	"status" "reception_visit_status" DEFAULT 'WAITING' NOT NULL,
	"queued_at" timestamp with time zone NOT NULL,
	"taken_at" timestamp with time zone NOT NULL,
	"called_at" timestamp with time zone,
	"called_by_id" text,
	"counter" text,
	"serving_started_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"abandoned_at" timestamp with time zone,
	"transferred_at" timestamp with time zone,
	"transferred_from_id" text,
	"transferred_to_id" text,
	"closing_note" text,
	"identity_verified" boolean DEFAULT false NOT NULL,
	"need_confirmed" boolean DEFAULT false NOT NULL,
	"risk_disclosed" boolean DEFAULT false NOT NULL,
	"satisfaction_asked" boolean DEFAULT false NOT NULL,
	"satisfaction_rating" integer,
	"created_by_id" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "id_type" "customer_id_type" DEFAULT 'RESIDENT_ID' NOT NULL;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "id_number_enc" text;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "id_number_hash" text;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "id_number_masked" text;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "birth_year" integer;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "sex" "customer_sex" DEFAULT 'UNSPECIFIED' NOT NULL;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "mobile_enc" text;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "mobile_hash" text;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "mobile_masked" text;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "address_enc" text;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "address_masked" text;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "occupation" text;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "risk_level" "customer_risk_level";--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "risk_assessed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "tier" "customer_tier" DEFAULT 'REGULAR' NOT NULL;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "identity_verification_method" "customer_verification_method";--> statement-breakpoint
ALTER TABLE "customer_changes" ADD CONSTRAINT "customer_changes_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_changes" ADD CONSTRAINT "customer_changes_changed_by_id_staff_id_fk" FOREIGN KEY ("changed_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_consents" ADD CONSTRAINT "customer_consents_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_consents" ADD CONSTRAINT "customer_consents_recorded_by_id_staff_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_consents" ADD CONSTRAINT "customer_consents_withdrawn_by_id_staff_id_fk" FOREIGN KEY ("withdrawn_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_data_access" ADD CONSTRAINT "customer_data_access_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_data_access" ADD CONSTRAINT "customer_data_access_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_staff_links" ADD CONSTRAINT "customer_staff_links_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_staff_links" ADD CONSTRAINT "customer_staff_links_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reception_exceptions" ADD CONSTRAINT "reception_exceptions_visit_id_reception_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."reception_visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reception_exceptions" ADD CONSTRAINT "reception_exceptions_recorded_by_id_staff_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reception_exceptions" ADD CONSTRAINT "reception_exceptions_escalated_by_id_staff_id_fk" FOREIGN KEY ("escalated_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reception_visits" ADD CONSTRAINT "reception_visits_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reception_visits" ADD CONSTRAINT "reception_visits_priority_granted_by_id_staff_id_fk" FOREIGN KEY ("priority_granted_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reception_visits" ADD CONSTRAINT "reception_visits_called_by_id_staff_id_fk" FOREIGN KEY ("called_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reception_visits" ADD CONSTRAINT "reception_visits_created_by_id_staff_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "customer_changes_customer_idx" ON "customer_changes" USING btree ("customer_id","changed_at","id");--> statement-breakpoint
CREATE INDEX "customer_consents_customer_idx" ON "customer_consents" USING btree ("customer_id","given_at");--> statement-breakpoint
CREATE INDEX "customer_data_access_customer_idx" ON "customer_data_access" USING btree ("customer_id","accessed_at","id");--> statement-breakpoint
CREATE INDEX "customer_data_access_staff_idx" ON "customer_data_access" USING btree ("staff_id","accessed_at");--> statement-breakpoint
CREATE INDEX "customer_staff_links_customer_idx" ON "customer_staff_links" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "reception_exceptions_visit_idx" ON "reception_exceptions" USING btree ("visit_id","occurred_at");--> statement-breakpoint
CREATE INDEX "reception_exceptions_linked_idx" ON "reception_exceptions" USING btree ("linked_type","linked_id");--> statement-breakpoint
CREATE INDEX "reception_visits_queue_idx" ON "reception_visits" USING btree ("business_type",("priority_group" is null),"queued_at","id") WHERE "reception_visits"."status" = 'WAITING';--> statement-breakpoint
CREATE INDEX "reception_visits_open_idx" ON "reception_visits" USING btree ("called_by_id") WHERE "reception_visits"."status" in ('CALLED', 'SERVING');--> statement-breakpoint
CREATE INDEX "reception_visits_taken_idx" ON "reception_visits" USING btree ("taken_at","id");--> statement-breakpoint
CREATE INDEX "reception_visits_customer_idx" ON "reception_visits" USING btree ("customer_id","taken_at");--> statement-breakpoint
CREATE UNIQUE INDEX "customers_id_number_hash_idx" ON "customers" USING btree ("id_number_hash");--> statement-breakpoint
CREATE INDEX "customers_mobile_hash_idx" ON "customers" USING btree ("mobile_hash");--> statement-breakpoint
CREATE INDEX "customers_tier_idx" ON "customers" USING btree ("tier","created_at","id");--> statement-breakpoint
CREATE INDEX "customers_created_idx" ON "customers" USING btree ("created_at","id");