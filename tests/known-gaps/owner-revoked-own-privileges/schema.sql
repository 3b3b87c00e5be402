-- The owner revoked some of its own privileges (an auth schema does this
-- to keep its own service from deleting audit rows). The owner's ACL
-- entries are taken as implicit: export writes nothing, plan is empty,
-- and a database rebuilt from the export gives the owner every privilege
-- again (pg_dump shows the REVOKE/GRANT pair only on the source).
CREATE TABLE audit_entries (id bigint PRIMARY KEY, payload json);
REVOKE ALL ON TABLE audit_entries FROM CURRENT_USER;
GRANT INSERT, SELECT ON TABLE audit_entries TO CURRENT_USER;
