-- A column moving from an INHERITS parent to its child: the plan adds the
-- child's column before dropping the parent's, while the child still has
-- it from the parent ("already exists"). From migra's inherit2.
CREATE TABLE base (created_at timestamp);
CREATE TABLE a (a1 integer, e integer) INHERITS (base);
