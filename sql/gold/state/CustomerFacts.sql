-- Everything per customer that CustomerSegmentation and CustomerProfile need besides the global p90 (gold
-- state gold/_state/CustomerFacts), one row per silver customer. Each source is aggregated per customer BEFORE
-- joining (the tutorial's join multiplied online orders by in-store rows and by loyalty accounts); customers who
-- never bought are kept with 0. A row depends on that customer's rows only, so an incremental run recomputes it
-- for the customers the changed silver rows name.
WITH online AS (
  SELECT CustomerID, COUNT(*) AS orders, SUM(COALESCE(Amount, 0)) AS spend,
         MIN(DateTime) AS first_at, MAX(DateTime) AS last_at
  FROM OnlineTransactions WHERE CustomerID IS NOT NULL GROUP BY CustomerID
),
in_store AS (
  SELECT CustomerID, COUNT(*) AS transactions, SUM(COALESCE(Amount, 0)) AS spend,
         MIN(DateTime) AS first_at, MAX(DateTime) AS last_at
  FROM InStoreTransactions WHERE CustomerID IS NOT NULL GROUP BY CustomerID
),
point_moves AS (
  SELECT LoyaltyID, SUM(COALESCE(PointsChange, 0)) AS points_change
  FROM LoyaltyTransactions GROUP BY LoyaltyID
),
accounts AS (
  SELECT a.CustomerID, COUNT(*) AS accounts, SUM(COALESCE(a.PointsEarned, 0)) AS points_earned,
         SUM(COALESCE(m.points_change, 0)) AS points_change,
         MAX(CASE a.TierLevel WHEN 'Platinum' THEN 4 WHEN 'Gold' THEN 3 WHEN 'Silver' THEN 2 WHEN 'Bronze' THEN 1 END)
           AS tier_rank
  FROM LoyaltyAccounts a
  LEFT JOIN point_moves m ON m.LoyaltyID = a.LoyaltyID
  WHERE a.CustomerID IS NOT NULL
  GROUP BY a.CustomerID
),
service AS (
  SELECT CustomerID, COUNT(*) AS interactions,
         -- Open: anything but 'Resolved', a NULL status included.
         COUNT(CASE WHEN ResolutionStatus = 'Resolved' THEN NULL ELSE 1 END) AS open_interactions,
         MAX(DateTime) AS last_at
  FROM CustomerServiceInteractions WHERE CustomerID IS NOT NULL GROUP BY CustomerID
)
SELECT c.CustomerID,
       c.Name AS CustomerName,
       c.Email,
       COALESCE(o.orders, 0) AS OnlineOrders,
       CAST(COALESCE(o.spend, 0) AS DECIMAL(18, 2)) AS OnlineSpend,
       COALESCE(i.transactions, 0) AS InStoreTransactions,
       CAST(COALESCE(i.spend, 0) AS DECIMAL(18, 2)) AS InStoreSpend,
       CAST(COALESCE(o.spend, 0) + COALESCE(i.spend, 0) AS DECIMAL(18, 2)) AS TotalSpend,
       COALESCE(o.orders, 0) + COALESCE(i.transactions, 0) AS PurchaseFrequency,
       -- LEAST and GREATEST skip NULLs: NULL only when neither channel has a DateTime.
       LEAST(o.first_at, i.first_at) AS FirstPurchase,
       GREATEST(o.last_at, i.last_at) AS LastPurchase,
       COALESCE(a.accounts, 0) AS LoyaltyAccounts,
       CASE a.tier_rank WHEN 4 THEN 'Platinum' WHEN 3 THEN 'Gold' WHEN 2 THEN 'Silver' WHEN 1 THEN 'Bronze' END
         AS TierLevel,
       CAST(COALESCE(a.points_earned, 0) AS BIGINT) AS PointsEarned,
       CAST(COALESCE(a.points_change, 0) AS BIGINT) AS PointsChange,
       COALESCE(x.interactions, 0) AS Interactions,
       COALESCE(x.open_interactions, 0) AS OpenInteractions,
       x.last_at AS LastInteraction
FROM Customers c
LEFT JOIN online o ON o.CustomerID = c.CustomerID
LEFT JOIN in_store i ON i.CustomerID = c.CustomerID
LEFT JOIN accounts a ON a.CustomerID = c.CustomerID
LEFT JOIN service x ON x.CustomerID = c.CustomerID
