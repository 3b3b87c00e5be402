-- A column moving from a child to its INHERITS parent: the parent's new
-- column merges with the child's, then the plan drops the child's
-- ("cannot drop inherited column"). From migra's inherit2.
CREATE TABLE base (created_at timestamp, e integer);
CREATE TABLE a (a1 integer) INHERITS (base);
