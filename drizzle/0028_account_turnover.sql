ALTER TABLE "accounts" ADD COLUMN "turnover" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE "accounts" a SET "turnover" = t.moved FROM (SELECT "account_id", sum(abs("amount")) AS moved FROM "journal_lines" GROUP BY "account_id") t WHERE t."account_id" = a."id";--> statement-breakpoint
CREATE INDEX "journal_lines_account_inflow_idx" ON "journal_lines" USING btree ("account_id","amount") WHERE "journal_lines"."amount" > 0;
