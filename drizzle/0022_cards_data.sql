-- Card products (信用卡产品): the highest limit each may be granted, and the daily interest rate on an
-- unpaid balance after the due date (millionths per day: 500 = 0.05% a day, 18.25% a year).
INSERT INTO "card_products" ("code", "name", "max_limit", "daily_rate_micro") VALUES
  ('STANDARD', 'Standard card (普卡)', 5000000, 500),
  ('GOLD', 'Gold card (金卡)', 20000000, 500),
  ('PLATINUM', 'Platinum card (白金卡)', 100000000, 500);
--> statement-breakpoint
-- The bank's own ledger accounts of the card business: committed credit lines (counter side of every
-- limit), merchant settlement in eight shards (counter side of purchases; one hot row would queue them all), interest income, and dispute suspense
-- (provisional credits until a dispute is decided).
INSERT INTO "accounts" ("id", "number", "kind", "currency", "status") VALUES
  ('acc_00000000000000000000CRDQTA', 'INTERNAL-CARD-CREDIT-LINES', 'INTERNAL', 'CNY', 'ACTIVE'),
  ('acc_00000000000000000000CRDMCH', 'INTERNAL-CARD-MERCHANT-SETTLEMENT-0', 'INTERNAL', 'CNY', 'ACTIVE'),
  ('acc_0000000000000000000CRDMCH1', 'INTERNAL-CARD-MERCHANT-SETTLEMENT-1', 'INTERNAL', 'CNY', 'ACTIVE'),
  ('acc_0000000000000000000CRDMCH2', 'INTERNAL-CARD-MERCHANT-SETTLEMENT-2', 'INTERNAL', 'CNY', 'ACTIVE'),
  ('acc_0000000000000000000CRDMCH3', 'INTERNAL-CARD-MERCHANT-SETTLEMENT-3', 'INTERNAL', 'CNY', 'ACTIVE'),
  ('acc_0000000000000000000CRDMCH4', 'INTERNAL-CARD-MERCHANT-SETTLEMENT-4', 'INTERNAL', 'CNY', 'ACTIVE'),
  ('acc_0000000000000000000CRDMCH5', 'INTERNAL-CARD-MERCHANT-SETTLEMENT-5', 'INTERNAL', 'CNY', 'ACTIVE'),
  ('acc_0000000000000000000CRDMCH6', 'INTERNAL-CARD-MERCHANT-SETTLEMENT-6', 'INTERNAL', 'CNY', 'ACTIVE'),
  ('acc_0000000000000000000CRDMCH7', 'INTERNAL-CARD-MERCHANT-SETTLEMENT-7', 'INTERNAL', 'CNY', 'ACTIVE'),
  ('acc_00000000000000000000CRDNTR', 'INTERNAL-CARD-INTEREST-INCOME', 'INTERNAL', 'CNY', 'ACTIVE'),
  ('acc_00000000000000000000CRDDSP', 'INTERNAL-CARD-DISPUTE-SUSPENSE', 'INTERNAL', 'CNY', 'ACTIVE');
--> statement-breakpoint
-- Card-number reveals are an access log: append-only, like the journal.
CREATE TRIGGER card_number_access_no_update BEFORE UPDATE OR DELETE ON "card_number_access" FOR EACH ROW EXECUTE FUNCTION journal_refuse_change();
