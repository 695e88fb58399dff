-- The bank's own ledger account on the other side of every precious-metal trade (贵金属交易清算).
INSERT INTO "accounts" ("id", "number", "kind", "currency", "status") VALUES
  ('acc_00000000000000000000PMETAS', 'INTERNAL-PRECIOUS-METALS', 'INTERNAL', 'CNY', 'ACTIVE');
--> statement-breakpoint
-- Precious-metal products (chapter 4.5) with their risk levels and risk disclosures, version 1.
INSERT INTO "metal_products" ("id", "code", "name", "kind", "risk_level", "disclosure_version", "disclosure_text") VALUES
  ('mpr_0000000000000000000000GBAR', 'AU9999-BAR', '实物金条 Au99.99 gold bar', 'GOLD_BAR', 'R3', 1,
   '贵金属价格受国际市场影响波动，实物金条回购按回购时报价计价，可能产生亏损。Gold prices move with international markets; bars are bought back at the quote of the day and a loss is possible.'),
  ('mpr_0000000000000000000000GACC', 'AU-ACCUMULATE', '积存金 gold accumulation plan', 'GOLD_ACCUMULATION', 'R3', 1,
   '积存金以克计价，不保本，价格波动可能导致本金亏损。Gold accumulation is priced per gram, principal is not guaranteed and price movements may cause a loss.'),
  ('mpr_00000000000000000000000SVR', 'AG9999', '白银 Ag99.99 silver', 'SILVER', 'R4', 1,
   '白银价格波动较黄金更为剧烈，可能产生较大亏损。Silver prices are more volatile than gold; large losses are possible.');
--> statement-breakpoint
-- The other-business catalogue (chapter 4.6): deadline in hours, required and optional fields, the completing position.
INSERT INTO "service_request_types" ("id", "code", "name", "description", "deadline_hours", "required_fields", "optional_fields", "completed_by_position") VALUES
  ('srt_0000000000000000STATEMENT1', 'STATEMENT_COPY', '对账单补打 statement copy',
   'A copy of an account statement for a period, printed at the counter or posted.', 48,
   ARRAY['accountNumber', 'periodFrom', 'periodTo', 'deliveryMethod'], ARRAY['note'], 'REPRESENTATIVE'),
  ('srt_0000000000000000ADDRESSCH1', 'ADDRESS_CHANGE', '地址变更 address change',
   'Paperwork of a change of address; the address itself is entered with customerUpdate, encrypted, never in this request.', 24,
   ARRAY['addressKind', 'proofDocument'], ARRAY['note'], 'REPRESENTATIVE'),
  ('srt_0000000000000000000BPAYSET', 'BILL_PAYMENT_SETUP', '代缴费签约 bill-payment set-up',
   'Standing payment of utility bills (water, power, gas, telephone) from an account.', 72,
   ARRAY['accountNumber', 'payee', 'billReference'], ARRAY['monthlyLimit', 'note'], 'REPRESENTATIVE'),
  ('srt_000000000000000000DEPCERT1', 'DEPOSIT_CERTIFICATE', '存款证明 certificate of deposit',
   'A certificate of the balance held on a date, for a visa or a school; signed off by the team manager.', 48,
   ARRAY['accountNumber', 'certificateDate', 'purpose'], ARRAY['copies', 'note'], 'MANAGER'),
  ('srt_0000000000000000000PASSBK1', 'PASSBOOK_REPLACEMENT', '存折补发 passbook replacement',
   'A new passbook after a confirmed loss report.', 120,
   ARRAY['accountNumber', 'lossReportDate'], ARRAY['note'], 'REPRESENTATIVE');
