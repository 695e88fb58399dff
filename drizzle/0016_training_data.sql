-- Which certification kinds gate business (manual chapter 9): loan approval and precious-metals trades
-- are enforced; complaint handling (high and critical complaints) only once an administrator turns it on.
INSERT INTO "certification_requirements" ("kind", "enforced", "updated_at") VALUES
  ('LOAN_APPROVAL', true, now()),
  ('PRECIOUS_METALS', true, now()),
  ('COMPLAINT_HANDLING', false, now()),
  ('INFORMATION_SECURITY', false, now()),
  ('CREDIT_CARD', false, now()),
  ('CASH_HANDLING', false, now())
ON CONFLICT ("kind") DO NOTHING;
--> statement-breakpoint
-- Internal targets inside the legal deadline (manual chapter 7): first contact within 1 working day of
-- receipt for a critical complaint, 2 for a high one.
INSERT INTO "complaint_severity_targets" ("severity", "first_contact_working_days", "updated_at") VALUES
  ('CRITICAL', 1, now()),
  ('HIGH', 2, now())
ON CONFLICT ("severity") DO NOTHING;
