-- Default limits of the personal account classes (PBOC 2016 No. 302, updated by 银发〔2018〕16号), in fen:
-- Class I none; Class II 10,000.00 of cash withdrawals and transfers out a day; Class III 2,000.00 a day
-- and a balance of at most 2,000.00. Finance changes them with `accountClassLimitSet`.
INSERT INTO "account_class_limits" ("account_class", "daily_debit_limit", "balance_cap") VALUES
  ('I', NULL, NULL),
  ('II', 1000000, NULL),
  ('III', 200000, 200000);
--> statement-breakpoint
-- A customer account inserted without a class (by a tool or script rather than `accountOpen`, which always
-- chooses one) gets the class the migration gave existing accounts: Class I when the customer has no open
-- Class I account, Class II otherwise. The unique index still refuses a second Class I.
CREATE OR REPLACE FUNCTION accounts_default_class() RETURNS trigger AS $$
BEGIN
  IF NEW.kind = 'CUSTOMER' AND NEW.account_class IS NULL THEN
    IF EXISTS (SELECT 1 FROM accounts WHERE customer_id = NEW.customer_id AND kind = 'CUSTOMER' AND account_class = 'I' AND status <> 'CLOSED') THEN
      NEW.account_class := 'II';
    ELSE
      NEW.account_class := 'I';
    END IF;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER accounts_default_class BEFORE INSERT ON "accounts" FOR EACH ROW EXECUTE FUNCTION accounts_default_class();
