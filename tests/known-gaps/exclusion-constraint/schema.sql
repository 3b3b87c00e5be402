-- A booking table that forbids overlapping stays per room, as a Rails
-- structure.sql with btree_gist declares it. The exclusion constraint is
-- listed as not managed: a database rebuilt from the export lacks it.
CREATE TABLE booking (id bigint PRIMARY KEY, room text NOT NULL, during tstzrange NOT NULL,
    CONSTRAINT booking_no_overlap EXCLUDE USING gist (room WITH =, during WITH &&));
