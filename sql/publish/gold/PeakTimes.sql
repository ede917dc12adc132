-- Gold table DDL (DESIGN §5.3, §6); ${nvarchar} is NVARCHAR on SQL Server, VARCHAR elsewhere.
CREATE TABLE "gold"."PeakTimes" (
  "Channel" ${nvarchar}(10) NOT NULL,
  "DayOfWeek" ${nvarchar}(10) NOT NULL,
  "DayOfWeekNumber" INT NOT NULL,
  "HourOfDay" INT NOT NULL,
  "TransactionCount" BIGINT NOT NULL,
  "TotalAmount" DECIMAL(18, 2) NOT NULL,
  CONSTRAINT "PK_gold_PeakTimes" PRIMARY KEY ("Channel", "DayOfWeekNumber", "HourOfDay")
)
