-- The journal is immutable: corrections are reversing entries, never edits or deletes.
CREATE OR REPLACE FUNCTION journal_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = '42501';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER journal_entries_no_update BEFORE UPDATE OR DELETE ON "journal_entries" FOR EACH ROW EXECUTE FUNCTION journal_refuse_change();
--> statement-breakpoint
CREATE TRIGGER journal_entries_no_truncate BEFORE TRUNCATE ON "journal_entries" FOR EACH STATEMENT EXECUTE FUNCTION journal_refuse_change();
--> statement-breakpoint
CREATE TRIGGER journal_lines_no_update BEFORE UPDATE OR DELETE ON "journal_lines" FOR EACH ROW EXECUTE FUNCTION journal_refuse_change();
--> statement-breakpoint
CREATE TRIGGER journal_lines_no_truncate BEFORE TRUNCATE ON "journal_lines" FOR EACH STATEMENT EXECUTE FUNCTION journal_refuse_change();
--> statement-breakpoint
-- Double entry: at commit, the lines of every entry touched must sum to zero (debits = credits).
CREATE OR REPLACE FUNCTION journal_entry_balanced() RETURNS trigger AS $$
DECLARE
  total numeric;
BEGIN
  SELECT coalesce(sum(amount), 0) INTO total FROM journal_lines WHERE entry_id = NEW.entry_id;
  IF total <> 0 THEN
    RAISE EXCEPTION 'journal entry % does not balance (sum of lines %)', NEW.entry_id, total USING ERRCODE = '23514';
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER journal_lines_balanced AFTER INSERT ON "journal_lines" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION journal_entry_balanced();
--> statement-breakpoint
-- The bank's own ledger accounts: the cash vault (counter side of cash deposits and withdrawals) and
-- interest expense (counter side of interest paid on time deposits).
INSERT INTO "accounts" ("id", "number", "kind", "currency", "status") VALUES
  ('acc_0000000000000000000000CASH', 'INTERNAL-CASH-VAULT', 'INTERNAL', 'CNY', 'ACTIVE'),
  ('acc_00000000000000000000XPENSE', 'INTERNAL-INTEREST-EXPENSE', 'INTERNAL', 'CNY', 'ACTIVE');
--> statement-breakpoint
-- Published deposit rates of 24 October 2015 (annual, in millionths); term 0 is the demand rate.
INSERT INTO "deposit_rates" ("id", "term_months", "annual_rate_micro", "effective_from") VALUES
  ('rat_00000000000000000020151000', 0, 3500, '2015-10-24'),
  ('rat_00000000000000000020151003', 3, 11000, '2015-10-24'),
  ('rat_00000000000000000020151006', 6, 13000, '2015-10-24'),
  ('rat_00000000000000000020151012', 12, 15000, '2015-10-24'),
  ('rat_00000000000000000020151024', 24, 21000, '2015-10-24'),
  ('rat_00000000000000000020151036', 36, 27500, '2015-10-24'),
  ('rat_00000000000000000020151060', 60, 27500, '2015-10-24');
