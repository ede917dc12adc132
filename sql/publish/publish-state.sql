-- Last published Delta version per table, kept in the target database so that it commits or rolls back
-- together with the table's data (DESIGN §6).
CREATE TABLE "c360_publish_state" (
  "table_name" ${nvarchar}(128) NOT NULL,
  "delta_table_id" ${nvarchar}(64) NOT NULL,
  "delta_version" BIGINT NOT NULL,
  "published_at" ${timestamp} NOT NULL,
  CONSTRAINT "PK_c360_publish_state" PRIMARY KEY ("table_name")
)
