-- A partition's index attached to its parent's, and a partition's primary
-- key, under names of their own (GitLab's structure.sql names them so).
-- The model holds only the parent's index and key; apply creates them on
-- the parent and PostgreSQL names the partitions' copies itself
-- (p_0_v_idx, p_0_pkey). Plans are empty both ways; pg_dump differs.
CREATE TABLE p (k bigint NOT NULL, v bigint) PARTITION BY HASH (k);
CREATE TABLE p_0 (k bigint NOT NULL, v bigint);
ALTER TABLE ONLY p ATTACH PARTITION p_0 FOR VALUES WITH (modulus 1, remainder 0);
CREATE INDEX p_v_idx ON ONLY p USING btree (v);
CREATE INDEX my_child_v_idx ON p_0 USING btree (v);
ALTER INDEX p_v_idx ATTACH PARTITION my_child_v_idx;
ALTER TABLE ONLY p ADD CONSTRAINT p_pkey PRIMARY KEY (k);
ALTER TABLE ONLY p_0 ADD CONSTRAINT custom_child_pkey PRIMARY KEY (k);
ALTER INDEX p_pkey ATTACH PARTITION custom_child_pkey;
