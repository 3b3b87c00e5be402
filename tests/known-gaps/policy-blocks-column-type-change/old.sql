CREATE TABLE t (id int, amt int);
CREATE POLICY p ON t USING (amt > 0);
