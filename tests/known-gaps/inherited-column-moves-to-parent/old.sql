CREATE TABLE base (created_at timestamp);
CREATE TABLE a (a1 integer, e integer) INHERITS (base);
