-- A lake table registered by name as an external Delta table over its path (DESIGN §4): the catalog entry only,
-- the data stays where it is. ${table} is a quoted two- or three-part name, ${location} a quoted string literal.
CREATE TABLE IF NOT EXISTS ${table} USING DELTA LOCATION ${location}
