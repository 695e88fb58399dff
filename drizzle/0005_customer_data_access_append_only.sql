-- The access audit of unmasked reads and the profile change history are append-only: the database
-- itself refuses to change or remove their rows (chapter 6.3), like audit_log.
CREATE OR REPLACE FUNCTION customer_records_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = '42501';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER customer_data_access_no_update BEFORE UPDATE OR DELETE ON "customer_data_access" FOR EACH ROW EXECUTE FUNCTION customer_records_refuse_change();
--> statement-breakpoint
CREATE TRIGGER customer_data_access_no_truncate BEFORE TRUNCATE ON "customer_data_access" FOR EACH STATEMENT EXECUTE FUNCTION customer_records_refuse_change();
--> statement-breakpoint
CREATE TRIGGER customer_changes_no_update BEFORE UPDATE OR DELETE ON "customer_changes" FOR EACH ROW EXECUTE FUNCTION customer_records_refuse_change();
--> statement-breakpoint
CREATE TRIGGER customer_changes_no_truncate BEFORE TRUNCATE ON "customer_changes" FOR EACH STATEMENT EXECUTE FUNCTION customer_records_refuse_change();
