-- Deletes the rows of a silver table that a publish removes, in the transaction of the publishing table's
-- MERGE; ${removed} is vanished.sql for the table itself, referencing.sql for its children, which go first.
DELETE FROM ${target} WHERE ${removed}
