-- An UNLOGGED table (caches, queues).
CREATE TABLE placeholder (id int);
