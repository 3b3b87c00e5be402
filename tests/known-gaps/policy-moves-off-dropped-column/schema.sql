CREATE TABLE docs (id int PRIMARY KEY, owner_new int);
CREATE POLICY owner_only ON docs FOR SELECT USING (owner_new = 1);
