CREATE TABLE docs (id int PRIMARY KEY, owner_old int, owner_new int);
CREATE POLICY owner_only ON docs FOR SELECT USING (owner_old = 1);
