CREATE TABLE "equipment" (
	"id" text PRIMARY KEY NOT NULL,
	"asset_number" text NOT NULL,
	"type" text NOT NULL,
	"model" text NOT NULL,
	"department_id" text NOT NULL,
	"site" text NOT NULL,
	"supplier" text NOT NULL,
	"purchase_date" timestamp with time zone NOT NULL,
	"purchase_price_fen" bigint NOT NULL,
	"holds_data" boolean NOT NULL,
	"status" text DEFAULT 'IN_SERVICE' NOT NULL,
	"procurement_request_id" text,
	"last_maintained_at" timestamp with time zone NOT NULL,
	"next_maintenance_due_at" timestamp with time zone,
	"overdue_flagged_at" timestamp with time zone,
	"registered_by_id" text NOT NULL,
	"registered_at" timestamp with time zone NOT NULL,
	"scrapped_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "equipment_asset_number_unique" UNIQUE("asset_number")
);
--> statement-breakpoint
CREATE TABLE "equipment_maintenance_plans" (
	"id" text PRIMARY KEY NOT NULL,
	"equipment_type" text NOT NULL,
	"interval_days" integer NOT NULL,
	"checklist" text NOT NULL,
	"updated_by_id" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "equipment_maintenance_plans_equipment_type_unique" UNIQUE("equipment_type")
);
--> statement-breakpoint
CREATE TABLE "equipment_maintenance_records" (
	"id" text PRIMARY KEY NOT NULL,
	"equipment_id" text NOT NULL,
	"kind" text NOT NULL,
	"performed_at" timestamp with time zone NOT NULL,
	"performed_by_id" text NOT NULL,
	"work" text NOT NULL,
	"parts" text[] DEFAULT '{}' NOT NULL,
	"cost_fen" bigint NOT NULL,
	"downtime_minutes" integer NOT NULL,
	"fault_id" text,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "equipment_faults" (
	"id" text PRIMARY KEY NOT NULL,
	"equipment_id" text NOT NULL,
	"description" text NOT NULL,
	"status" text DEFAULT 'OPEN' NOT NULL,
	"reported_by_id" text NOT NULL,
	"reported_at" timestamp with time zone NOT NULL,
	"reception_exception_id" text,
	"emergency_incident_id" text,
	"repaired_at" timestamp with time zone,
	"repair_record_id" text
);
--> statement-breakpoint
CREATE TABLE "equipment_procurement_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"item" text NOT NULL,
	"equipment_type" text NOT NULL,
	"quantity" integer NOT NULL,
	"estimated_cost_fen" bigint NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'REQUESTED' NOT NULL,
	"requested_by_id" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"needs_second_approval" boolean NOT NULL,
	"first_approver_id" text,
	"first_approved_at" timestamp with time zone,
	"second_approver_id" text,
	"second_approved_at" timestamp with time zone,
	"rejected_by_id" text,
	"rejected_reason" text,
	"supplier" text,
	"order_reference" text,
	"ordered_at" timestamp with time zone,
	"received_quantity" integer DEFAULT 0 NOT NULL,
	"registered_quantity" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "equipment_procurement_received_le_ordered" CHECK ("equipment_procurement_requests"."received_quantity" <= "equipment_procurement_requests"."quantity" AND "equipment_procurement_requests"."registered_quantity" <= "equipment_procurement_requests"."received_quantity"),
	CONSTRAINT "equipment_procurement_four_eyes" CHECK ("equipment_procurement_requests"."first_approver_id" IS DISTINCT FROM "equipment_procurement_requests"."requested_by_id" AND "equipment_procurement_requests"."second_approver_id" IS DISTINCT FROM "equipment_procurement_requests"."requested_by_id")
);
--> statement-breakpoint
CREATE TABLE "equipment_procurement_receipts" (
	"id" text PRIMARY KEY NOT NULL,
	"request_id" text NOT NULL,
	"quantity" integer NOT NULL,
	"received_by_id" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "equipment_scrap_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"equipment_id" text NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'REQUESTED' NOT NULL,
	"requested_by_id" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"decided_by_id" text,
	"decided_at" timestamp with time zone,
	"rejected_reason" text,
	"wipe_method" text,
	"wiped_by_id" text,
	"wiped_at" timestamp with time zone,
	"wipe_witness_id" text,
	"wipe_recorded_at" timestamp with time zone,
	"disposal_method" text,
	"disposed_by_id" text,
	"disposed_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "equipment_scrap_four_eyes" CHECK ("equipment_scrap_requests"."decided_by_id" IS DISTINCT FROM "equipment_scrap_requests"."requested_by_id")
);
--> statement-breakpoint
ALTER TABLE "emergency_incident_steps" ADD COLUMN "required" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "emergency_incident_steps" ADD COLUMN "skipped_reason" text;--> statement-breakpoint
ALTER TABLE "emergency_incident_steps" ADD COLUMN "skipped_by_id" text;--> statement-breakpoint
ALTER TABLE "emergency_incident_steps" ADD COLUMN "skipped_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "security_incidents" ADD COLUMN "affected_notified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "security_incidents" ADD COLUMN "affected_notification_note" text;--> statement-breakpoint
ALTER TABLE "security_incidents" ADD COLUMN "affected_notified_by_id" text;--> statement-breakpoint
ALTER TABLE "equipment" ADD CONSTRAINT "equipment_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment" ADD CONSTRAINT "equipment_registered_by_id_staff_id_fk" FOREIGN KEY ("registered_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_maintenance_plans" ADD CONSTRAINT "equipment_maintenance_plans_updated_by_id_staff_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_maintenance_records" ADD CONSTRAINT "equipment_maintenance_records_equipment_id_equipment_id_fk" FOREIGN KEY ("equipment_id") REFERENCES "public"."equipment"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_maintenance_records" ADD CONSTRAINT "equipment_maintenance_records_performed_by_id_staff_id_fk" FOREIGN KEY ("performed_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_faults" ADD CONSTRAINT "equipment_faults_equipment_id_equipment_id_fk" FOREIGN KEY ("equipment_id") REFERENCES "public"."equipment"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_faults" ADD CONSTRAINT "equipment_faults_reported_by_id_staff_id_fk" FOREIGN KEY ("reported_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_procurement_requests" ADD CONSTRAINT "equipment_procurement_requests_requested_by_id_staff_id_fk" FOREIGN KEY ("requested_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_procurement_requests" ADD CONSTRAINT "equipment_procurement_requests_first_approver_id_staff_id_fk" FOREIGN KEY ("first_approver_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_procurement_requests" ADD CONSTRAINT "equipment_procurement_requests_second_approver_id_staff_id_fk" FOREIGN KEY ("second_approver_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_procurement_requests" ADD CONSTRAINT "equipment_procurement_requests_rejected_by_id_staff_id_fk" FOREIGN KEY ("rejected_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_procurement_receipts" ADD CONSTRAINT "equipment_procurement_receipts_request_id_equipment_procurement_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."equipment_procurement_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_procurement_receipts" ADD CONSTRAINT "equipment_procurement_receipts_received_by_id_staff_id_fk" FOREIGN KEY ("received_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_scrap_requests" ADD CONSTRAINT "equipment_scrap_requests_equipment_id_equipment_id_fk" FOREIGN KEY ("equipment_id") REFERENCES "public"."equipment"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_scrap_requests" ADD CONSTRAINT "equipment_scrap_requests_requested_by_id_staff_id_fk" FOREIGN KEY ("requested_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_scrap_requests" ADD CONSTRAINT "equipment_scrap_requests_decided_by_id_staff_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_scrap_requests" ADD CONSTRAINT "equipment_scrap_requests_wiped_by_id_staff_id_fk" FOREIGN KEY ("wiped_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_scrap_requests" ADD CONSTRAINT "equipment_scrap_requests_wipe_witness_id_staff_id_fk" FOREIGN KEY ("wipe_witness_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_scrap_requests" ADD CONSTRAINT "equipment_scrap_requests_disposed_by_id_staff_id_fk" FOREIGN KEY ("disposed_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "equipment_registered_idx" ON "equipment" USING btree ("registered_at","id");--> statement-breakpoint
CREATE INDEX "equipment_due_idx" ON "equipment" USING btree ("next_maintenance_due_at") WHERE status <> 'SCRAPPED';--> statement-breakpoint
CREATE INDEX "equipment_maintenance_records_idx" ON "equipment_maintenance_records" USING btree ("equipment_id","performed_at");--> statement-breakpoint
CREATE INDEX "equipment_maintenance_period_idx" ON "equipment_maintenance_records" USING btree ("performed_at");--> statement-breakpoint
CREATE INDEX "equipment_faults_equipment_idx" ON "equipment_faults" USING btree ("equipment_id","reported_at");--> statement-breakpoint
CREATE INDEX "equipment_faults_incident_idx" ON "equipment_faults" USING btree ("emergency_incident_id");--> statement-breakpoint
CREATE INDEX "equipment_faults_exception_idx" ON "equipment_faults" USING btree ("reception_exception_id");--> statement-breakpoint
CREATE UNIQUE INDEX "equipment_faults_one_open" ON "equipment_faults" USING btree ("equipment_id") WHERE status = 'OPEN';--> statement-breakpoint
CREATE INDEX "equipment_procurement_requested_idx" ON "equipment_procurement_requests" USING btree ("requested_at","id");--> statement-breakpoint
CREATE INDEX "equipment_scrap_requested_idx" ON "equipment_scrap_requests" USING btree ("requested_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "equipment_scrap_one_open" ON "equipment_scrap_requests" USING btree ("equipment_id") WHERE status in ('REQUESTED', 'APPROVED');--> statement-breakpoint
ALTER TABLE "emergency_incident_steps" ADD CONSTRAINT "emergency_incident_steps_skipped_by_id_staff_id_fk" FOREIGN KEY ("skipped_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "security_incidents" ADD CONSTRAINT "security_incidents_affected_notified_by_id_staff_id_fk" FOREIGN KEY ("affected_notified_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;