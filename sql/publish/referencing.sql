-- The rows of a child table that reference removed rows of its parent (${parent_removed}); they are deleted
-- before the parent's, for the foreign key.
${child_column} IN (SELECT ${parent_column} FROM ${parent} WHERE ${parent_removed})
