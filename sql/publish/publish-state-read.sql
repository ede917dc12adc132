-- The Delta table and version last published into every target table, read once per publish.
SELECT "table_name", "delta_table_id", "delta_version" FROM "c360_publish_state"
