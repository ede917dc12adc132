-- Reference silver for one table in DuckDB (scripts/bench), written apart from c360's Spark code:
-- every bronze file of the table read with the catalog's explicit types (files listed in path order), text
-- trimmed and categorical values canonicalised, rows without a primary key or whose parent is missing dropped,
-- then per primary key the last row by (file path, line) kept. Placeholders are filled from the catalog.
-- Line order: with preserve_insertion_order (DuckDB's default) a scan yields the files in the listed order and
-- their lines in order, so row_number() OVER () numbers the lines in arrival order.
CREATE OR REPLACE TABLE ${table} AS
WITH bronze AS (
  SELECT *, row_number() OVER () AS arrival
  FROM read_csv(${files}, header = true, auto_detect = false, columns = ${columns}, quote = '"', escape = '"',
                dateformat = '%Y-%m-%d', timestampformat = '%Y-%m-%d %H:%M:%S', filename = true)
),
cleaned AS (
  SELECT ${cleaned}, filename, arrival FROM bronze
)
SELECT ${column_list}
FROM cleaned
WHERE ${keys_present} ${parents_present}
QUALIFY row_number() OVER (PARTITION BY ${key} ORDER BY filename DESC, arrival DESC) = 1
