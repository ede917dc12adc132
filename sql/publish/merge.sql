-- Upsert of one silver table from its de-duplicated staging table (DESIGN §6). Identifiers come from the
-- catalog, quoted by the dialect; ${merge_hint} is WITH (HOLDLOCK) on SQL Server only.
MERGE INTO ${target} ${merge_hint} AS t
USING ${staging} AS s
ON ${key_match}
WHEN MATCHED THEN UPDATE SET ${assignments}
WHEN NOT MATCHED THEN INSERT (${columns}) VALUES (${source_columns})${terminator}
