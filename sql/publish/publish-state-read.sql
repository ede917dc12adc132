-- The Delta table and version last published into a target table.
SELECT "delta_table_id", "delta_version" FROM "c360_publish_state" WHERE "table_name" = ?
