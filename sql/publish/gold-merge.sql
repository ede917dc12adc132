-- Applies one gold table's net change since its last published version (DESIGN §6): the staging table holds
-- one row per grouping key that changed, flagged "c360_delete" = 1 for a group that vanished. ${key_match}
-- compares the grouping columns NULL-safely; ${merge_hint} is WITH (HOLDLOCK) on SQL Server only.
MERGE INTO ${target} ${merge_hint} AS t
USING ${staging} AS s
ON ${key_match}
WHEN MATCHED AND s."c360_delete" = 1 THEN DELETE
WHEN MATCHED THEN UPDATE SET ${assignments}
WHEN NOT MATCHED AND s."c360_delete" = 0 THEN INSERT (${columns}) VALUES (${source_columns})${terminator}
