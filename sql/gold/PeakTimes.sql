-- Transactions per channel, day of week and hour (DESIGN §5.3). DateTime is a wall-clock TIMESTAMP_NTZ, so
-- hours are the store's own; day names come from a fixed list, never from the JVM's locale.
WITH transactions AS (
  SELECT 'Online' AS Channel, DateTime, COALESCE(Amount, 0) AS Amount
  FROM OnlineTransactions WHERE DateTime IS NOT NULL
  UNION ALL
  SELECT 'InStore' AS Channel, DateTime, COALESCE(Amount, 0) AS Amount
  FROM InStoreTransactions WHERE DateTime IS NOT NULL
)
SELECT Channel,
       ELT(WEEKDAY(DateTime) + 1, 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday')
         AS DayOfWeek,
       WEEKDAY(DateTime) + 1 AS DayOfWeekNumber,
       HOUR(DateTime) AS HourOfDay,
       COUNT(*) AS TransactionCount,
       CAST(SUM(Amount) AS DECIMAL(18, 2)) AS TotalAmount
FROM transactions
GROUP BY Channel, WEEKDAY(DateTime), HOUR(DateTime)
