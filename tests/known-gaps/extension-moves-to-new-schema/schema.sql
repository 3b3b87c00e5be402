-- An extension moved into a schema the plan creates, with a column of its
-- type: canonicalization checks the column's type against the target,
-- where the extension is not moved yet ("schema ext does not exist").
CREATE SCHEMA ext;
CREATE EXTENSION hstore SCHEMA ext;
CREATE TABLE t (h ext.hstore);
