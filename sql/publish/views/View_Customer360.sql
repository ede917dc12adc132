-- The unified Customer 360 view over gold CustomerProfile (DESIGN §5.5, §6): one row per customer.
-- ${create_view} is CREATE OR ALTER VIEW on SQL Server.
${create_view} "View_Customer360" AS
SELECT * FROM "gold"."CustomerProfile"
