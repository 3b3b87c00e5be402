-- Storage parameters are kept sorted by name, so a table created with them
-- in another order is rebuilt with the same settings in a different order:
-- plans are empty, but pg_dump of the two databases differs.
CREATE TABLE queue_item (id int PRIMARY KEY, body text) WITH (fillfactor = 70, autovacuum_enabled = false);
-- The same for an index's (found on pgschema's index test pairs).
CREATE INDEX queue_item_body ON queue_item (body) WITH (fillfactor = 100, deduplicate_items = true);
