-- The rows of a silver table that its full publish does not stage: rows a silver full refresh left out.
-- ${key_match} compares the primary key of staging row s with the target row.
NOT EXISTS (SELECT 1 FROM ${staging} AS s WHERE ${key_match})
