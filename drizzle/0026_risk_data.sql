-- Transaction-monitoring rules (交易监测规则), manual chapter 5, as data; thresholds in fen.
-- Large-value thresholds are PBOC order 2016 No. 3 (cash 50,000.00; transfers 500,000.00 for a natural
-- person, 2,000,000.00 otherwise), per customer and business day. The pattern rules' figures are the
-- bank's own and are changed with `monitoringRuleUpdate`.
INSERT INTO "monitoring_rules" ("code", "threshold", "window_hours", "percent", "min_count", "severity", "enabled") VALUES
  ('LARGE_CASH', 5000000, 24, NULL, NULL, 'MEDIUM', true),
  ('LARGE_TRANSFER_NATURAL', 50000000, 24, NULL, NULL, 'MEDIUM', true),
  ('LARGE_TRANSFER_NON_NATURAL', 200000000, 24, NULL, NULL, 'MEDIUM', true),
  ('RAPID_IN_OUT', 5000000, 24, 80, NULL, 'HIGH', true),
  ('STRUCTURING', 5000000, 24, 10, 3, 'HIGH', true),
  ('DORMANT_ACTIVITY', 1000000, 8760, NULL, NULL, 'MEDIUM', true),
  ('NEW_ACCOUNT_ACTIVITY', 20000000, 720, NULL, NULL, 'MEDIUM', true)
ON CONFLICT ("code") DO NOTHING;
