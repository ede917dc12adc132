-- The schema (database) c360.lake.database names, created once; ${schema} is a quoted one- or two-part name.
CREATE SCHEMA IF NOT EXISTS ${schema}
