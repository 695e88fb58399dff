CREATE TYPE "public"."business_line" AS ENUM('ACCOUNTS', 'DEPOSITS', 'LOANS', 'CREDIT_CARDS', 'PRECIOUS_METALS', 'OTHER');--> statement-breakpoint
CREATE TYPE "public"."complaint_category" AS ENUM('SERVICE_ATTITUDE', 'BUSINESS_PROCESS', 'PRODUCT', 'FEES_AND_CHARGES', 'SYSTEM_FAILURE', 'STAFF_CONDUCT', 'OTHER');--> statement-breakpoint
CREATE TYPE "public"."complaint_channel" AS ENUM('PHONE', 'COUNTER', 'ONLINE', 'LETTER', 'EMAIL', 'REGULATOR');--> statement-breakpoint
CREATE TYPE "public"."complaint_status" AS ENUM('RECEIVED', 'CLASSIFIED', 'ASSIGNED', 'INVESTIGATING', 'AWAITING_APPROVAL', 'RESOLVED', 'CLOSED', 'ESCALATED', 'WITHDRAWN', 'UNDER_REVIEW');--> statement-breakpoint
CREATE TYPE "public"."complaint_feedback_method" AS ENUM('PHONE', 'SMS', 'LETTER', 'EMAIL', 'IN_PERSON', 'ONLINE');--> statement-breakpoint
CREATE TYPE "public"."complaint_satisfaction" AS ENUM('SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED');--> statement-breakpoint
CREATE TYPE "public"."complaint_severity" AS ENUM('LOW', 'MEDIUM', 'HIGH', 'CRITICAL');--> statement-breakpoint
CREATE SEQUENCE "public"."complaint_reference_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "complaint_extensions" (
	"id" text PRIMARY KEY NOT NULL,
	"complaint_id" text NOT NULL,
	"from_days" integer NOT NULL,
	"to_days" integer NOT NULL,
	"reason" text NOT NULL,
	"requested_by_id" text NOT NULL,
	"approved_by_id" text,
	"customer_informed_how" text,
	"previous_deadline_at" timestamp with time zone NOT NULL,
	"new_deadline_at" timestamp with time zone NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaint_timeline" (
	"id" text PRIMARY KEY NOT NULL,
	"position" bigint GENERATED ALWAYS AS IDENTITY (sequence name "complaint_timeline_position_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"complaint_id" text NOT NULL,
	"actor_id" text,
	"action" text NOT NULL,
	"from_status" "complaint_status",
	"to_status" "complaint_status",
	"note" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaints" (
	"id" text PRIMARY KEY NOT NULL,
	"reference" text NOT NULL,
	"customer_id" text NOT NULL,
	"channel" "complaint_channel" NOT NULL,
	"subject" text NOT NULL,
	"description" text NOT NULL,
	"status" "complaint_status" DEFAULT 'RECEIVED' NOT NULL,
	"category" "complaint_category",
	"business_line" "business_line",
	"severity" "complaint_severity",
	"level" integer DEFAULT 0 NOT NULL,
	"accused_staff_id" text,
	"visit_id" text,
	"account_id" text,
	"department_id" text NOT NULL,
	"received_by_id" text NOT NULL,
	"receiver_team_id" text,
	"handler_id" text,
	"handler_team_id" text,
	"received_at" timestamp with time zone NOT NULL,
	"deadline_start_at" timestamp with time zone NOT NULL,
	"deadline_days" integer DEFAULT 15 NOT NULL,
	"deadline_at" timestamp with time zone NOT NULL,
	"approaching_flagged_at" timestamp with time zone,
	"breached_flagged_at" timestamp with time zone,
	"resolution" text,
	"resolution_proposed_by_id" text,
	"resolution_proposed_at" timestamp with time zone,
	"approved_by_id" text,
	"decided_at" timestamp with time zone,
	"customer_told_at" timestamp with time zone,
	"customer_told_how" "complaint_feedback_method",
	"satisfaction" "complaint_satisfaction",
	"satisfaction_comment" text,
	"review_count" integer DEFAULT 0 NOT NULL,
	"closed_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "complaints_reference_unique" UNIQUE("reference")
);
--> statement-breakpoint
ALTER TABLE "complaint_extensions" ADD CONSTRAINT "complaint_extensions_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_extensions" ADD CONSTRAINT "complaint_extensions_requested_by_id_staff_id_fk" FOREIGN KEY ("requested_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_extensions" ADD CONSTRAINT "complaint_extensions_approved_by_id_staff_id_fk" FOREIGN KEY ("approved_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_timeline" ADD CONSTRAINT "complaint_timeline_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_timeline" ADD CONSTRAINT "complaint_timeline_actor_id_staff_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_accused_staff_id_staff_id_fk" FOREIGN KEY ("accused_staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_received_by_id_staff_id_fk" FOREIGN KEY ("received_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_receiver_team_id_teams_id_fk" FOREIGN KEY ("receiver_team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_handler_id_staff_id_fk" FOREIGN KEY ("handler_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_handler_team_id_teams_id_fk" FOREIGN KEY ("handler_team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_resolution_proposed_by_id_staff_id_fk" FOREIGN KEY ("resolution_proposed_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_approved_by_id_staff_id_fk" FOREIGN KEY ("approved_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "complaint_extensions_complaint_idx" ON "complaint_extensions" USING btree ("complaint_id","at");--> statement-breakpoint
CREATE INDEX "complaint_timeline_complaint_idx" ON "complaint_timeline" USING btree ("complaint_id","position");--> statement-breakpoint
CREATE INDEX "complaints_received_idx" ON "complaints" USING btree ("received_at","id");--> statement-breakpoint
CREATE INDEX "complaints_deadline_idx" ON "complaints" USING btree ("deadline_at","id");--> statement-breakpoint
CREATE INDEX "complaints_department_idx" ON "complaints" USING btree ("department_id","received_at");--> statement-breakpoint
CREATE INDEX "complaints_handler_idx" ON "complaints" USING btree ("handler_id");--> statement-breakpoint
CREATE INDEX "complaints_customer_idx" ON "complaints" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "complaints_status_idx" ON "complaints" USING btree ("status");