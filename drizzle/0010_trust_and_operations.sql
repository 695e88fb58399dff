CREATE TYPE "public"."administrator_grant_kind" AS ENUM('PROMOTE', 'CREATE');--> statement-breakpoint
CREATE TYPE "public"."administrator_grant_status" AS ENUM('PENDING', 'APPROVED', 'REJECTED');--> statement-breakpoint
CREATE TABLE "key_fingerprints" (
	"name" text PRIMARY KEY NOT NULL,
	"fingerprint" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "administrator_grant_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" "administrator_grant_kind" NOT NULL,
	"staff_id" text,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text,
	"department_id" text NOT NULL,
	"team_id" text,
	"reason" text NOT NULL,
	"status" "administrator_grant_status" DEFAULT 'PENDING' NOT NULL,
	"requested_by_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"decided_by_id" text,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	CONSTRAINT "administrator_grant_requests_four_eyes" CHECK ("administrator_grant_requests"."decided_by_id" IS NULL OR "administrator_grant_requests"."decided_by_id" <> "administrator_grant_requests"."requested_by_id")
);
--> statement-breakpoint
CREATE TABLE "login_attempts" (
	"id" text PRIMARY KEY NOT NULL,
	"staff_id" text,
	"address" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "peak_severity" "complaint_severity";--> statement-breakpoint
ALTER TABLE "administrator_grant_requests" ADD CONSTRAINT "administrator_grant_requests_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "administrator_grant_requests" ADD CONSTRAINT "administrator_grant_requests_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "administrator_grant_requests" ADD CONSTRAINT "administrator_grant_requests_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "administrator_grant_requests" ADD CONSTRAINT "administrator_grant_requests_requested_by_id_staff_id_fk" FOREIGN KEY ("requested_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "administrator_grant_requests" ADD CONSTRAINT "administrator_grant_requests_decided_by_id_staff_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "login_attempts" ADD CONSTRAINT "login_attempts_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "administrator_grant_requests_status_idx" ON "administrator_grant_requests" USING btree ("status","created_at","id");--> statement-breakpoint
CREATE INDEX "administrator_grant_requests_created_idx" ON "administrator_grant_requests" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "login_attempts_address_idx" ON "login_attempts" USING btree ("address","created_at");--> statement-breakpoint
CREATE INDEX "login_attempts_staff_idx" ON "login_attempts" USING btree ("staff_id","created_at");--> statement-breakpoint
ALTER TABLE "staff" DROP COLUMN "failed_logins";--> statement-breakpoint
ALTER TABLE "staff" DROP COLUMN "locked_until";