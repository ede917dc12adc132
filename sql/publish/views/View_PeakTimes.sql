-- The tutorial's Power BI-facing view, now a plain projection of the gold table (DESIGN §6), so a report
-- built on the tutorial's views keeps working. ${create_view} is CREATE OR ALTER VIEW on SQL Server.
${create_view} "View_PeakTimes" AS
SELECT * FROM "gold"."PeakTimes"
