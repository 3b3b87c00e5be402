-- A statistics target set on a parent before its INHERITS child existed
-- stays on the parent only. Rebuilt, the child is created first and the
-- parent's ALTER COLUMN ... SET STATISTICS (without ONLY) reaches the child
-- too: plans are empty (a child's inherited columns are not compared), but
-- pg_dump shows the child's extra SET STATISTICS.
CREATE TABLE measurement (id int, reading numeric);
ALTER TABLE measurement ALTER COLUMN reading SET STATISTICS 400;
CREATE TABLE measurement_archive (archived_on date) INHERITS (measurement);
