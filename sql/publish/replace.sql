-- Replaces a gold table with its staging table's rows in the caller's transaction (DESIGN §6): no TRUNCATE
-- (it commits in H2) and no rename swap (PostgreSQL views would keep pointing at the old table).
DELETE FROM ${target};
INSERT INTO ${target} (${columns}) SELECT ${columns} FROM ${staging};
