-- DuckDB reference for gold PeakTimes (scripts/bench): DuckDB's dayname() is English whatever the locale and
-- isodow() is Monday = 1; DateTime is a TIMESTAMP without zone, so hour() is the wall clock.
SELECT channel AS Channel, dayname(happened) AS DayOfWeek, isodow(happened) AS DayOfWeekNumber, hour(happened) AS HourOfDay,
       count(*) AS TransactionCount, CAST(sum(COALESCE(amount, 0)) AS DECIMAL(18, 2)) AS TotalAmount
FROM (SELECT 'Online' AS channel, DateTime AS happened, Amount AS amount FROM OnlineTransactions
      UNION ALL
      SELECT 'InStore', DateTime, Amount FROM InStoreTransactions)
WHERE happened IS NOT NULL
GROUP BY ALL
