-- Constraints added NOT VALID (as Rails/GitLab migrations do) stay not validated.
CREATE TABLE placeholder (id int);
