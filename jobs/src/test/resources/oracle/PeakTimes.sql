-- H2 oracle for gold PeakTimes.
SELECT channel,
  CASE d WHEN 1 THEN 'Monday' WHEN 2 THEN 'Tuesday' WHEN 3 THEN 'Wednesday' WHEN 4 THEN 'Thursday'
    WHEN 5 THEN 'Friday' WHEN 6 THEN 'Saturday' ELSE 'Sunday' END,
  d, h, COUNT(*), CAST(SUM(amount) AS DECIMAL(18, 2))
FROM (SELECT channel, ISO_DAY_OF_WEEK(t) AS d, HOUR(t) AS h, amount
      FROM (SELECT 'Online' AS channel, DateTime AS t, COALESCE(Amount, 0) AS amount FROM OnlineTransactions
            UNION ALL SELECT 'InStore', DateTime, COALESCE(Amount, 0) FROM InStoreTransactions) x
      WHERE t IS NOT NULL) y
GROUP BY channel, d, h
