-- Keys compare byte by byte (COLLATE "C"): slugs, check ids, signal keys and the status and
-- priority words are ASCII identifiers, whose order is the same in every locale that sorts them by
-- code point, but a libc collation (even C.UTF-8 before PostgreSQL 17) makes every comparison a
-- strcoll() call. A full evaluation inserts some 200,000 task rows into three indexes over these
-- columns; with byte order that costs about a fifth less of PostgreSQL's CPU. It also makes the
-- order the evaluator's slug ranges assume (Java's String order) the database's, whatever the
-- database's locale. Every column that is compared with another table's is changed together.

ALTER TABLE team ALTER COLUMN slug TYPE varchar(63) COLLATE "C",
                 ALTER COLUMN parent TYPE varchar(63) COLLATE "C";
ALTER TABLE product ALTER COLUMN slug TYPE varchar(63) COLLATE "C",
                    ALTER COLUMN owner TYPE varchar(63) COLLATE "C",
                    ALTER COLUMN phase TYPE varchar(63) COLLATE "C";
ALTER TABLE signal ALTER COLUMN product TYPE varchar(63) COLLATE "C",
                   ALTER COLUMN key TYPE varchar(200) COLLATE "C";
ALTER TABLE attestation ALTER COLUMN product TYPE varchar(63) COLLATE "C",
                        ALTER COLUMN check_id TYPE varchar(63) COLLATE "C";
ALTER TABLE waiver ALTER COLUMN product TYPE varchar(63) COLLATE "C",
                   ALTER COLUMN check_id TYPE varchar(63) COLLATE "C",
                   ALTER COLUMN status TYPE varchar(16) COLLATE "C";
ALTER TABLE review ALTER COLUMN product TYPE varchar(63) COLLATE "C";
ALTER TABLE scorecard ALTER COLUMN product TYPE varchar(63) COLLATE "C",
                      ALTER COLUMN owner TYPE varchar(63) COLLATE "C",
                      ALTER COLUMN phase TYPE varchar(63) COLLATE "C";
ALTER TABLE history ALTER COLUMN product TYPE varchar(63) COLLATE "C";
ALTER TABLE task ALTER COLUMN product TYPE varchar(63) COLLATE "C",
                 ALTER COLUMN owner TYPE varchar(63) COLLATE "C",
                 ALTER COLUMN check_id TYPE varchar(63) COLLATE "C",
                 ALTER COLUMN status TYPE varchar(16) COLLATE "C",
                 ALTER COLUMN priority TYPE varchar(2) COLLATE "C";
ALTER TABLE evaluation_queue ALTER COLUMN product TYPE varchar(63) COLLATE "C";
