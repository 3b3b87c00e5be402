CREATE TABLE counters (id int PRIMARY KEY, n bigint) WITH (fillfactor = 70);
CREATE INDEX counters_n_idx ON counters (n) WITH (fillfactor = 50);
