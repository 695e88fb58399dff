-- Service quality (服务质量管理, manual chapter 8): the KPI catalogue, centre-wide default targets,
-- survey templates, inspection checklists and the complaint trend rule, as data.
INSERT INTO "kpi_definitions" ("code", "name", "name_zh", "unit", "higher_is_better", "numerator_meaning", "denominator_meaning") VALUES
  ('AVERAGE_WAIT', 'Average wait', '平均等候时长', 'SECONDS', false, 'Seconds from ticket to call, summed over called tickets', 'Tickets taken in the period and called'),
  ('AVERAGE_HANDLING', 'Average handling time', '平均办理时长', 'SECONDS', false, 'Seconds from start of service to completion, summed', 'Tickets taken in the period and completed'),
  ('ABANDONMENT_RATE', 'Abandonment rate', '弃号率', 'RATIO', false, 'Tickets abandoned', 'Tickets taken in the period and completed or abandoned'),
  ('FIRST_CONTACT_RESOLUTION', 'First-contact resolution', '首次解决率', 'RATIO', true, 'Completed visits, not transferred, with no visit of the same customer for the same business within 7 days after', 'Tickets taken in the period and completed'),
  ('SATISFACTION_RATE', 'Satisfaction rate', '满意率', 'RATIO', true, 'Surveys scoring at or above the template''s satisfied mark', 'Surveys recorded in the period'),
  ('COMPLAINTS_DECIDED_IN_TIME', 'Complaints decided within deadline', '投诉按时办结率', 'RATIO', true, 'Complaints decided by their deadline', 'Complaints decided in the period'),
  ('COMPLAINTS_PER_10K_VISITS', 'Complaints per 10,000 visits', '万笔投诉率', 'PER_10K', false, 'Complaints received in the period', 'Tickets taken in the period');
--> statement-breakpoint
INSERT INTO "kpi_targets" ("id", "kpi_code", "department_id", "period_kind", "target", "updated_at")
SELECT 'kpt_default_' || lower(d.code) || '_' || lower(p.kind), d.code, NULL, p.kind, d.target, now()
FROM (VALUES
  ('AVERAGE_WAIT', 600.0), ('AVERAGE_HANDLING', 900.0), ('ABANDONMENT_RATE', 0.05), ('FIRST_CONTACT_RESOLUTION', 0.85),
  ('SATISFACTION_RATE', 0.90), ('COMPLAINTS_DECIDED_IN_TIME', 1.0), ('COMPLAINTS_PER_10K_VISITS', 50.0)
) AS d(code, target)
CROSS JOIN (VALUES ('DAY'), ('WEEK'), ('MONTH')) AS p(kind);
--> statement-breakpoint
INSERT INTO "survey_templates" ("id", "subject_type", "scale_min", "scale_max", "satisfied_from", "questions") VALUES
  ('stp_visit', 'VISIT', 1, 5, 4, '[{"code":"WAIT","text":"How acceptable was your wait? (等候时间)"},{"code":"ATTITUDE","text":"How courteous was the staff member? (服务态度)"},{"code":"EFFICIENCY","text":"How efficiently was your business handled? (办理效率)"}]'),
  ('stp_complaint', 'COMPLAINT', 1, 5, 4, '[{"code":"SPEED","text":"How timely was the handling of your complaint? (处理时效)"},{"code":"OUTCOME","text":"How satisfied are you with the decision? (处理结果)"},{"code":"COMMUNICATION","text":"How well were you kept informed? (沟通反馈)"}]');
--> statement-breakpoint
INSERT INTO "quality_checklists" ("id", "subject_type", "name", "items") VALUES
  ('qcl_visit', 'VISIT', 'Counter and phone service norms (柜面及电话服务规范)', '[{"code":"GREETING","norm":"Greets the customer and introduces themselves (礼貌问候)","weight":1},{"code":"IDENTITY","norm":"Verifies identity before any business (身份核实)","weight":3},{"code":"NEEDS","norm":"Confirms the customer''s needs (需求确认)","weight":2},{"code":"DISCLOSURE","norm":"Discloses risks where required (风险揭示)","weight":3},{"code":"CLOSING","norm":"Asks for satisfaction and closes properly (满意度询问)","weight":1}]'),
  ('qcl_complaint', 'COMPLAINT', 'Complaint handling norms (投诉处理规范)', '[{"code":"CONTACT","norm":"Contacts the customer promptly (及时联系)","weight":2},{"code":"INVESTIGATION","norm":"Investigates and records the facts (调查核实)","weight":3},{"code":"RESOLUTION","norm":"Proposes a lawful and reasoned resolution (处理方案)","weight":3},{"code":"FEEDBACK","norm":"Tells the customer the decision and their rights (告知反馈)","weight":2}]');
--> statement-breakpoint
INSERT INTO "complaint_trend_rules" ("id", "threshold", "window_days", "due_days", "updated_at") VALUES ('ctr_default', 5, 30, 30, now());
