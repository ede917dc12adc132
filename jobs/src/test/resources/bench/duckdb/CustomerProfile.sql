-- DuckDB reference for gold CustomerProfile (scripts/bench), written apart from sql/gold: both channels united
-- with a channel tag and aggregated once per customer with FILTER clauses; the home store by arg_max over
-- (visits, -StoreID); spend, tier and segment from ref_CustomerSegmentation (its own reference, run before this).
WITH purchases AS (
  SELECT CustomerID, 'online' AS channel, Amount, DateTime FROM OnlineTransactions
  UNION ALL
  SELECT CustomerID, 'store' AS channel, Amount, DateTime FROM InStoreTransactions
),
per_customer AS (
  SELECT CustomerID,
         count(*) FILTER (WHERE channel = 'online') AS online_orders,
         sum(COALESCE(Amount, 0)) FILTER (WHERE channel = 'online') AS online_spend,
         count(*) FILTER (WHERE channel = 'store') AS store_count,
         sum(COALESCE(Amount, 0)) FILTER (WHERE channel = 'store') AS store_spend,
         min(DateTime) AS first_at, max(DateTime) AS last_at
  FROM purchases WHERE CustomerID IS NOT NULL GROUP BY CustomerID
),
home AS (
  SELECT CustomerID, arg_max(StoreID, visits * 1000000000 - StoreID) AS StoreID
  FROM (SELECT CustomerID, StoreID, count(*) AS visits FROM InStoreTransactions
        WHERE CustomerID IS NOT NULL AND StoreID IS NOT NULL GROUP BY ALL)
  GROUP BY CustomerID
),
moves AS (
  SELECT LoyaltyID, sum(COALESCE(PointsChange, 0)) AS moved FROM LoyaltyTransactions GROUP BY LoyaltyID
),
loyalty AS (
  SELECT a.CustomerID, count(*) AS accounts, sum(COALESCE(a.PointsEarned, 0)) AS earned,
         sum(COALESCE(m.moved, 0)) AS moved
  FROM LoyaltyAccounts a LEFT JOIN moves m USING (LoyaltyID)
  WHERE a.CustomerID IS NOT NULL GROUP BY a.CustomerID
),
service AS (
  SELECT CustomerID, count(*) AS interactions,
         count(*) FILTER (WHERE ResolutionStatus IS DISTINCT FROM 'Resolved') AS open_count,
         max(DateTime) AS last_contact
  FROM CustomerServiceInteractions WHERE CustomerID IS NOT NULL GROUP BY CustomerID
)
SELECT c.CustomerID, c.Name AS CustomerName, c.Email,
       COALESCE(pc.online_orders, 0) AS OnlineOrders,
       CAST(COALESCE(pc.online_spend, 0) AS DECIMAL(18, 2)) AS OnlineSpend,
       COALESCE(pc.store_count, 0) AS InStoreTransactions,
       CAST(COALESCE(pc.store_spend, 0) AS DECIMAL(18, 2)) AS InStoreSpend,
       seg.TotalSpend,
       pc.first_at AS FirstPurchase, pc.last_at AS LastPurchase,
       h.StoreID AS HomeStoreID, s.Location AS HomeStoreLocation,
       COALESCE(l.accounts, 0) AS LoyaltyAccounts,
       seg.TierLevel,
       CAST(COALESCE(l.earned, 0) AS BIGINT) AS PointsEarned,
       CAST(COALESCE(l.moved, 0) AS BIGINT) AS PointsChange,
       COALESCE(x.interactions, 0) AS Interactions,
       COALESCE(x.open_count, 0) AS OpenInteractions,
       x.last_contact AS LastInteraction,
       seg.CustomerSegment
FROM Customers c
JOIN ref_CustomerSegmentation seg ON seg.CustomerID = c.CustomerID
LEFT JOIN per_customer pc ON pc.CustomerID = c.CustomerID
LEFT JOIN home h ON h.CustomerID = c.CustomerID
LEFT JOIN Stores s ON s.StoreID = h.StoreID
LEFT JOIN loyalty l ON l.CustomerID = c.CustomerID
LEFT JOIN service x ON x.CustomerID = c.CustomerID
