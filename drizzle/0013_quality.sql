CREATE TABLE "complaint_trend_rules" (
	"id" text PRIMARY KEY NOT NULL,
	"threshold" integer NOT NULL,
	"window_days" integer NOT NULL,
	"due_days" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "quality_checklists" (
	"id" text PRIMARY KEY NOT NULL,
	"subject_type" text NOT NULL,
	"name" text NOT NULL,
	"items" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "quality_inspections" (
	"id" text PRIMARY KEY NOT NULL,
	"subject_type" text NOT NULL,
	"visit_id" text,
	"complaint_id" text,
	"checklist_id" text NOT NULL,
	"inspected_staff_id" text NOT NULL,
	"inspected_team_id" text,
	"inspected_department_id" text NOT NULL,
	"inspector_id" text NOT NULL,
	"scores" jsonb NOT NULL,
	"total_centi_points" integer NOT NULL,
	"comment" text,
	"status" text DEFAULT 'SCORED' NOT NULL,
	"scored_at" timestamp with time zone NOT NULL,
	"contest_reason" text,
	"contested_at" timestamp with time zone,
	"decided_by_id" text,
	"decision_note" text,
	"revised_scores" jsonb,
	"revised_total_centi_points" integer,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "kpi_definitions" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"name_zh" text NOT NULL,
	"unit" text NOT NULL,
	"higher_is_better" boolean NOT NULL,
	"numerator_meaning" text NOT NULL,
	"denominator_meaning" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kpi_targets" (
	"id" text PRIMARY KEY NOT NULL,
	"kpi_code" text NOT NULL,
	"department_id" text,
	"period_kind" text NOT NULL,
	"target" numeric(14, 4) NOT NULL,
	"set_by_id" text,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "kpi_targets_uq" UNIQUE NULLS NOT DISTINCT("kpi_code","period_kind","department_id")
);
--> statement-breakpoint
CREATE TABLE "survey_templates" (
	"id" text PRIMARY KEY NOT NULL,
	"subject_type" text NOT NULL,
	"scale_min" integer NOT NULL,
	"scale_max" integer NOT NULL,
	"satisfied_from" integer NOT NULL,
	"questions" jsonb NOT NULL,
	CONSTRAINT "survey_templates_subject_type_unique" UNIQUE("subject_type")
);
--> statement-breakpoint
CREATE TABLE "satisfaction_surveys" (
	"id" text PRIMARY KEY NOT NULL,
	"subject_type" text NOT NULL,
	"visit_id" text,
	"complaint_id" text,
	"template_id" text NOT NULL,
	"staff_id" text,
	"overall_score" integer NOT NULL,
	"satisfied" boolean NOT NULL,
	"answers" jsonb NOT NULL,
	"comment" text,
	"recorded_by_id" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "satisfaction_surveys_visit_id_unique" UNIQUE("visit_id"),
	CONSTRAINT "satisfaction_surveys_complaint_id_unique" UNIQUE("complaint_id")
);
--> statement-breakpoint
ALTER TABLE "improvement_actions" ALTER COLUMN "created_by_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "improvement_actions" ADD COLUMN "root_cause" text;--> statement-breakpoint
ALTER TABLE "improvement_actions" ADD COLUMN "kpi_code" text;--> statement-breakpoint
ALTER TABLE "improvement_actions" ADD COLUMN "kpi_department_id" text;--> statement-breakpoint
ALTER TABLE "improvement_actions" ADD COLUMN "kpi_team_id" text;--> statement-breakpoint
ALTER TABLE "improvement_actions" ADD COLUMN "kpi_staff_id" text;--> statement-breakpoint
ALTER TABLE "improvement_actions" ADD COLUMN "effect_window_days" integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE "quality_inspections" ADD CONSTRAINT "quality_inspections_visit_id_reception_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."reception_visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_inspections" ADD CONSTRAINT "quality_inspections_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_inspections" ADD CONSTRAINT "quality_inspections_checklist_id_quality_checklists_id_fk" FOREIGN KEY ("checklist_id") REFERENCES "public"."quality_checklists"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_inspections" ADD CONSTRAINT "quality_inspections_inspected_staff_id_staff_id_fk" FOREIGN KEY ("inspected_staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_inspections" ADD CONSTRAINT "quality_inspections_inspected_team_id_teams_id_fk" FOREIGN KEY ("inspected_team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_inspections" ADD CONSTRAINT "quality_inspections_inspected_department_id_departments_id_fk" FOREIGN KEY ("inspected_department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_inspections" ADD CONSTRAINT "quality_inspections_inspector_id_staff_id_fk" FOREIGN KEY ("inspector_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_inspections" ADD CONSTRAINT "quality_inspections_decided_by_id_staff_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_targets" ADD CONSTRAINT "kpi_targets_kpi_code_kpi_definitions_code_fk" FOREIGN KEY ("kpi_code") REFERENCES "public"."kpi_definitions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_targets" ADD CONSTRAINT "kpi_targets_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_targets" ADD CONSTRAINT "kpi_targets_set_by_id_staff_id_fk" FOREIGN KEY ("set_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "satisfaction_surveys" ADD CONSTRAINT "satisfaction_surveys_visit_id_reception_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."reception_visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "satisfaction_surveys" ADD CONSTRAINT "satisfaction_surveys_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "satisfaction_surveys" ADD CONSTRAINT "satisfaction_surveys_template_id_survey_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."survey_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "satisfaction_surveys" ADD CONSTRAINT "satisfaction_surveys_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "satisfaction_surveys" ADD CONSTRAINT "satisfaction_surveys_recorded_by_id_staff_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "quality_inspections_scored_idx" ON "quality_inspections" USING btree ("scored_at","id");--> statement-breakpoint
CREATE INDEX "quality_inspections_staff_idx" ON "quality_inspections" USING btree ("inspected_staff_id","scored_at");--> statement-breakpoint
CREATE INDEX "satisfaction_surveys_recorded_idx" ON "satisfaction_surveys" USING btree ("recorded_at","id");--> statement-breakpoint
CREATE INDEX "satisfaction_surveys_staff_idx" ON "satisfaction_surveys" USING btree ("staff_id","recorded_at");--> statement-breakpoint
ALTER TABLE "improvement_actions" ADD CONSTRAINT "improvement_actions_kpi_department_id_departments_id_fk" FOREIGN KEY ("kpi_department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvement_actions" ADD CONSTRAINT "improvement_actions_kpi_team_id_teams_id_fk" FOREIGN KEY ("kpi_team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvement_actions" ADD CONSTRAINT "improvement_actions_kpi_staff_id_staff_id_fk" FOREIGN KEY ("kpi_staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "improvement_actions_trend_uq" ON "improvement_actions" USING btree ("source_id") WHERE "improvement_actions"."source_type" = 'COMPLAINT_TREND';