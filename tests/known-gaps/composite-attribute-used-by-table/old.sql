CREATE TYPE addr AS (street text, zip int);
CREATE TABLE t (a addr);
