-- The bank's loan ledger accounts: loans receivable (debited by disbursements, so it runs negative by
-- the principal lent), interest income (credited with interest and penalty interest) and write-offs.
INSERT INTO "accounts" ("id", "number", "kind", "currency", "status") VALUES
  ('acc_00000000000000000000KREDT1', 'INTERNAL-LOANS-RECEIVABLE', 'INTERNAL', 'CNY', 'ACTIVE'),
  ('acc_00000000000000000000KREDT2', 'INTERNAL-LOAN-INTEREST-INCOME', 'INTERNAL', 'CNY', 'ACTIVE'),
  ('acc_00000000000000000000KREDT3', 'INTERNAL-LOAN-WRITE-OFF', 'INTERNAL', 'CNY', 'ACTIVE');
--> statement-breakpoint
-- Loan products (amounts in fen, penalty rates annual in millionths: the contract rate plus 50%).
INSERT INTO "loan_products" ("id", "kind", "name", "min_amount", "max_amount", "min_term_months", "max_term_months", "methods", "penalty_rate_micro") VALUES
  ('lnp_00000000000000000000000001', 'PERSONAL_CONSUMER', 'Personal consumer loan (个人消费贷款)', 100000, 50000000, 6, 60, ARRAY['EQUAL_INSTALMENT', 'EQUAL_PRINCIPAL'], 65250),
  ('lnp_00000000000000000000000002', 'PERSONAL_HOUSING', 'Personal housing loan (个人住房贷款)', 5000000, 500000000, 12, 360, ARRAY['EQUAL_INSTALMENT', 'EQUAL_PRINCIPAL'], 73500),
  ('lnp_00000000000000000000000003', 'SMALL_BUSINESS', 'Small business loan (小微企业贷款)', 1000000, 300000000, 3, 60, ARRAY['EQUAL_INSTALMENT', 'EQUAL_PRINCIPAL'], 71250);
--> statement-breakpoint
-- PBOC benchmark lending rates of 24 October 2015 (annual, millionths): up to 1 year 4.35%, 1–5 years
-- 4.75%, over 5 years 4.90%.
INSERT INTO "loan_rates" ("id", "product_id", "annual_rate_micro", "effective_from") VALUES
  ('lrt_consumer_20151024', 'lnp_00000000000000000000000001', 43500, '2015-10-24'),
  ('lrt_housing_20151024', 'lnp_00000000000000000000000002', 49000, '2015-10-24'),
  ('lrt_business_20151024', 'lnp_00000000000000000000000003', 47500, '2015-10-24');
