CREATE TABLE owners (id int PRIMARY KEY);
CREATE TABLE pets (owner_id int, age int);
ALTER TABLE pets ADD CONSTRAINT pets_age_check CHECK (age >= 0) NOT VALID;
ALTER TABLE pets ADD CONSTRAINT pets_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES owners (id) NOT VALID;
