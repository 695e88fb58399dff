CREATE TABLE "emergency_drill_findings" (
	"id" text PRIMARY KEY NOT NULL,
	"drill_id" text NOT NULL,
	"severity" text NOT NULL,
	"description" text NOT NULL,
	"recorded_by_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "emergency_drills" (
	"id" text PRIMARY KEY NOT NULL,
	"plan_id" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"status" text DEFAULT 'SCHEDULED' NOT NULL,
	"scheduled_at" timestamp with time zone NOT NULL,
	"participant_ids" text[] NOT NULL,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"step_log" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"evaluation_score" integer,
	"evaluation_summary" text,
	"organiser_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "improvement_actions" (
	"id" text PRIMARY KEY NOT NULL,
	"source_type" text NOT NULL,
	"source_id" text NOT NULL,
	"description" text NOT NULL,
	"owner_id" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'OPEN' NOT NULL,
	"completed_at" timestamp with time zone,
	"created_by_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "emergency_incident_reports" (
	"id" text PRIMARY KEY NOT NULL,
	"incident_id" text NOT NULL,
	"cause" text NOT NULL,
	"impact" text NOT NULL,
	"timeline_summary" text NOT NULL,
	"what_worked" text NOT NULL,
	"what_did_not_work" text NOT NULL,
	"author_id" text NOT NULL,
	"filed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "emergency_incident_reports_incident_id_unique" UNIQUE("incident_id")
);
--> statement-breakpoint
CREATE TABLE "emergency_incident_steps" (
	"id" text PRIMARY KEY NOT NULL,
	"incident_id" text NOT NULL,
	"ordinal" integer NOT NULL,
	"action" text NOT NULL,
	"responsible_role" text NOT NULL,
	"contacts" text,
	"done_by_id" text,
	"done_at" timestamp with time zone,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "emergency_incident_updates" (
	"id" text PRIMARY KEY NOT NULL,
	"incident_id" text NOT NULL,
	"kind" text NOT NULL,
	"note" text NOT NULL,
	"author_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "emergency_incidents" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"level" text NOT NULL,
	"status" text DEFAULT 'REPORTED' NOT NULL,
	"location" text NOT NULL,
	"description" text NOT NULL,
	"reporter_id" text NOT NULL,
	"department_id" text NOT NULL,
	"plan_id" text,
	"reported_at" timestamp with time zone NOT NULL,
	"responded_at" timestamp with time zone,
	"contained_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "emergency_plans" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"scope_department_id" text,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"level" text NOT NULL,
	"status" text DEFAULT 'DRAFT' NOT NULL,
	"steps" jsonb NOT NULL,
	"drill_interval_days" integer NOT NULL,
	"author_id" text NOT NULL,
	"approved_by_id" text,
	"approved_at" timestamp with time zone,
	"retired_at" timestamp with time zone,
	"retired_reason" text,
	"superseded_by_id" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incident_links" (
	"id" text PRIMARY KEY NOT NULL,
	"incident_id" text NOT NULL,
	"linked_type" text NOT NULL,
	"linked_id" text NOT NULL,
	"note" text,
	"created_by_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "security_policies" (
	"id" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"current_version_id" text,
	"current_version" integer DEFAULT 1 NOT NULL,
	"created_by_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "security_policies_title_unique" UNIQUE("title")
);
--> statement-breakpoint
CREATE TABLE "security_policy_acknowledgements" (
	"id" text PRIMARY KEY NOT NULL,
	"version_id" text NOT NULL,
	"staff_id" text NOT NULL,
	"acknowledged_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "security_policy_versions" (
	"id" text PRIMARY KEY NOT NULL,
	"policy_id" text NOT NULL,
	"version" integer NOT NULL,
	"body" text NOT NULL,
	"change_summary" text,
	"published_by_id" text NOT NULL,
	"published_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "security_incident_customers" (
	"incident_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "security_incident_customers_incident_id_customer_id_pk" PRIMARY KEY("incident_id","customer_id")
);
--> statement-breakpoint
CREATE TABLE "security_incident_updates" (
	"id" text PRIMARY KEY NOT NULL,
	"incident_id" text NOT NULL,
	"kind" text NOT NULL,
	"note" text NOT NULL,
	"author_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "security_incidents" (
	"id" text PRIMARY KEY NOT NULL,
	"category" text NOT NULL,
	"severity" text NOT NULL,
	"status" text DEFAULT 'REPORTED' NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"reporter_id" text NOT NULL,
	"department_id" text NOT NULL,
	"handler_id" text,
	"affected_systems" text[] DEFAULT '{}' NOT NULL,
	"regulator_notification_required" boolean DEFAULT false NOT NULL,
	"regulator_notification_due_at" timestamp with time zone,
	"regulator_notified_at" timestamp with time zone,
	"regulator_deadline_breached_at" timestamp with time zone,
	"reported_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "emergency_drill_findings" ADD CONSTRAINT "emergency_drill_findings_drill_id_emergency_drills_id_fk" FOREIGN KEY ("drill_id") REFERENCES "public"."emergency_drills"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_drill_findings" ADD CONSTRAINT "emergency_drill_findings_recorded_by_id_staff_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_drills" ADD CONSTRAINT "emergency_drills_plan_id_emergency_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."emergency_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_drills" ADD CONSTRAINT "emergency_drills_organiser_id_staff_id_fk" FOREIGN KEY ("organiser_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvement_actions" ADD CONSTRAINT "improvement_actions_owner_id_staff_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvement_actions" ADD CONSTRAINT "improvement_actions_created_by_id_staff_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_incident_reports" ADD CONSTRAINT "emergency_incident_reports_incident_id_emergency_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."emergency_incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_incident_reports" ADD CONSTRAINT "emergency_incident_reports_author_id_staff_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_incident_steps" ADD CONSTRAINT "emergency_incident_steps_incident_id_emergency_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."emergency_incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_incident_steps" ADD CONSTRAINT "emergency_incident_steps_done_by_id_staff_id_fk" FOREIGN KEY ("done_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_incident_updates" ADD CONSTRAINT "emergency_incident_updates_incident_id_emergency_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."emergency_incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_incident_updates" ADD CONSTRAINT "emergency_incident_updates_author_id_staff_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_incidents" ADD CONSTRAINT "emergency_incidents_reporter_id_staff_id_fk" FOREIGN KEY ("reporter_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_incidents" ADD CONSTRAINT "emergency_incidents_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_incidents" ADD CONSTRAINT "emergency_incidents_plan_id_emergency_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."emergency_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_plans" ADD CONSTRAINT "emergency_plans_scope_department_id_departments_id_fk" FOREIGN KEY ("scope_department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_plans" ADD CONSTRAINT "emergency_plans_author_id_staff_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_plans" ADD CONSTRAINT "emergency_plans_approved_by_id_staff_id_fk" FOREIGN KEY ("approved_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_links" ADD CONSTRAINT "incident_links_created_by_id_staff_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "security_policies" ADD CONSTRAINT "security_policies_created_by_id_staff_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "security_policy_acknowledgements" ADD CONSTRAINT "security_policy_acknowledgements_version_id_security_policy_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."security_policy_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "security_policy_acknowledgements" ADD CONSTRAINT "security_policy_acknowledgements_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "security_policy_versions" ADD CONSTRAINT "security_policy_versions_policy_id_security_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."security_policies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "security_policy_versions" ADD CONSTRAINT "security_policy_versions_published_by_id_staff_id_fk" FOREIGN KEY ("published_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "security_incident_customers" ADD CONSTRAINT "security_incident_customers_incident_id_security_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."security_incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "security_incident_customers" ADD CONSTRAINT "security_incident_customers_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "security_incident_updates" ADD CONSTRAINT "security_incident_updates_incident_id_security_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."security_incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "security_incident_updates" ADD CONSTRAINT "security_incident_updates_author_id_staff_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "security_incidents" ADD CONSTRAINT "security_incidents_reporter_id_staff_id_fk" FOREIGN KEY ("reporter_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "security_incidents" ADD CONSTRAINT "security_incidents_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "security_incidents" ADD CONSTRAINT "security_incidents_handler_id_staff_id_fk" FOREIGN KEY ("handler_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "emergency_drill_findings_drill_idx" ON "emergency_drill_findings" USING btree ("drill_id","created_at");--> statement-breakpoint
CREATE INDEX "emergency_drills_plan_idx" ON "emergency_drills" USING btree ("plan_id","ended_at");--> statement-breakpoint
CREATE INDEX "emergency_drills_sched_idx" ON "emergency_drills" USING btree ("scheduled_at","id");--> statement-breakpoint
CREATE INDEX "improvement_actions_source_idx" ON "improvement_actions" USING btree ("source_id");--> statement-breakpoint
CREATE INDEX "improvement_actions_due_idx" ON "improvement_actions" USING btree ("due_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "emergency_incident_steps_ordinal" ON "emergency_incident_steps" USING btree ("incident_id","ordinal");--> statement-breakpoint
CREATE INDEX "emergency_incident_updates_idx" ON "emergency_incident_updates" USING btree ("incident_id","at","id");--> statement-breakpoint
CREATE INDEX "emergency_incidents_reported_idx" ON "emergency_incidents" USING btree ("reported_at","id");--> statement-breakpoint
CREATE INDEX "emergency_incidents_reporter_idx" ON "emergency_incidents" USING btree ("reporter_id");--> statement-breakpoint
CREATE UNIQUE INDEX "emergency_plans_one_approved" ON "emergency_plans" USING btree ("type",coalesce("scope_department_id", '')) WHERE status = 'APPROVED';--> statement-breakpoint
CREATE UNIQUE INDEX "emergency_plans_version" ON "emergency_plans" USING btree ("type",coalesce("scope_department_id", ''),"version");--> statement-breakpoint
CREATE INDEX "emergency_plans_created_idx" ON "emergency_plans" USING btree ("created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "incident_links_once" ON "incident_links" USING btree ("incident_id","linked_type","linked_id");--> statement-breakpoint
CREATE INDEX "incident_links_linked_idx" ON "incident_links" USING btree ("linked_type","linked_id");--> statement-breakpoint
CREATE INDEX "security_policies_created_idx" ON "security_policies" USING btree ("created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "security_policy_ack_once" ON "security_policy_acknowledgements" USING btree ("version_id","staff_id");--> statement-breakpoint
CREATE UNIQUE INDEX "security_policy_versions_no" ON "security_policy_versions" USING btree ("policy_id","version");--> statement-breakpoint
CREATE INDEX "security_incident_updates_idx" ON "security_incident_updates" USING btree ("incident_id","at","id");--> statement-breakpoint
CREATE INDEX "security_incidents_reported_idx" ON "security_incidents" USING btree ("reported_at","id");--> statement-breakpoint
CREATE INDEX "security_incidents_reporter_idx" ON "security_incidents" USING btree ("reporter_id");