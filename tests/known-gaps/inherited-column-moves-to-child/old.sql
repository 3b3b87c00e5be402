CREATE TABLE base (created_at timestamp, e integer);
CREATE TABLE a (a1 integer) INHERITS (base);
