-- PostgreSQL 15 lets ON DELETE SET NULL name the columns to clear.
CREATE TABLE placeholder (id int);
