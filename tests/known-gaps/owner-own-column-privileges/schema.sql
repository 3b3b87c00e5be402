-- The owner gave up UPDATE on its table but kept it on one column. The
-- table-level part is read and exported ("owner_privileges" without
-- UPDATE); the owner's column entry is still taken as implicit, so a
-- database rebuilt from the export lets the owner update no column at all.
CREATE TABLE accounts (id bigint PRIMARY KEY, email text);
REVOKE UPDATE ON TABLE accounts FROM CURRENT_USER;
GRANT UPDATE (email) ON TABLE accounts TO CURRENT_USER;
