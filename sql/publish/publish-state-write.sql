-- Records a published version; runs in the same transaction as the table's MERGE or replace.
DELETE FROM "c360_publish_state" WHERE "table_name" = ?;
INSERT INTO "c360_publish_state" ("table_name", "delta_table_id", "delta_version", "published_at")
VALUES (?, ?, ?, ?);
