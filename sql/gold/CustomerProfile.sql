-- The unified Customer 360 row (DESIGN §5.5), one per silver customer: each source is aggregated per customer
-- BEFORE joining (no source multiplies another), the home store is the shared view HomeStore (the rule of
-- AverageOrderValue), and TotalSpend, TierLevel and CustomerSegment are CustomerSegmentation's own columns
-- (that gold query, registered as a view of the same name), so the two tables cannot disagree.
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
         SUM(COALESCE(m.points_change, 0)) AS points_change
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
       seg.TotalSpend,
       -- LEAST and GREATEST skip NULLs: NULL only when neither channel has a DateTime.
       LEAST(o.first_at, i.first_at) AS FirstPurchase,
       GREATEST(o.last_at, i.last_at) AS LastPurchase,
       h.StoreID AS HomeStoreID,
       s.Location AS HomeStoreLocation,
       COALESCE(a.accounts, 0) AS LoyaltyAccounts,
       seg.TierLevel,
       CAST(COALESCE(a.points_earned, 0) AS BIGINT) AS PointsEarned,
       CAST(COALESCE(a.points_change, 0) AS BIGINT) AS PointsChange,
       COALESCE(x.interactions, 0) AS Interactions,
       COALESCE(x.open_interactions, 0) AS OpenInteractions,
       x.last_at AS LastInteraction,
       seg.CustomerSegment
FROM Customers c
JOIN CustomerSegmentation seg ON seg.CustomerID = c.CustomerID
LEFT JOIN online o ON o.CustomerID = c.CustomerID
LEFT JOIN in_store i ON i.CustomerID = c.CustomerID
LEFT JOIN HomeStore h ON h.CustomerID = c.CustomerID
LEFT JOIN Stores s ON s.StoreID = h.StoreID
LEFT JOIN accounts a ON a.CustomerID = c.CustomerID
LEFT JOIN service x ON x.CustomerID = c.CustomerID
