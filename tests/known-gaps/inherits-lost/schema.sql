CREATE TABLE measurement (id int NOT NULL, taken date NOT NULL, value numeric);
CREATE TABLE measurement_2020 (
  CONSTRAINT measurement_2020_taken_check CHECK (taken >= '2020-01-01' AND taken < '2021-01-01')
) INHERITS (measurement);
