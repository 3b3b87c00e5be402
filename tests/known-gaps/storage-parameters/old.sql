-- Storage parameters on a table and an index.
CREATE TABLE placeholder (id int);
