-- One row per customer with total spend, purchase frequency, highest loyalty tier and segment (DESIGN §5.2).
-- Fix of the tutorial: each channel is aggregated per customer BEFORE joining, so online orders are not
-- multiplied by in-store rows and loyalty accounts; customers who never bought are kept with 0.
WITH online AS (
  SELECT CustomerID, SUM(COALESCE(Amount, 0)) AS spend, COUNT(*) AS purchases
  FROM OnlineTransactions WHERE CustomerID IS NOT NULL GROUP BY CustomerID
),
in_store AS (
  SELECT CustomerID, SUM(COALESCE(Amount, 0)) AS spend, COUNT(*) AS purchases
  FROM InStoreTransactions WHERE CustomerID IS NOT NULL GROUP BY CustomerID
),
tiers AS (
  SELECT CustomerID,
         MAX(CASE TierLevel WHEN 'Platinum' THEN 4 WHEN 'Gold' THEN 3 WHEN 'Silver' THEN 2 WHEN 'Bronze' THEN 1 END)
           AS tier_rank
  FROM LoyaltyAccounts WHERE CustomerID IS NOT NULL GROUP BY CustomerID
),
customers AS (
  SELECT c.CustomerID,
         c.Name AS CustomerName,
         CAST(COALESCE(o.spend, 0) + COALESCE(i.spend, 0) AS DECIMAL(18, 2)) AS TotalSpend,
         COALESCE(o.purchases, 0) + COALESCE(i.purchases, 0) AS PurchaseFrequency,
         CASE t.tier_rank WHEN 4 THEN 'Platinum' WHEN 3 THEN 'Gold' WHEN 2 THEN 'Silver' WHEN 1 THEN 'Bronze' END
           AS TierLevel
  FROM Customers c
  LEFT JOIN online o ON c.CustomerID = o.CustomerID
  LEFT JOIN in_store i ON c.CustomerID = i.CustomerID
  LEFT JOIN tiers t ON c.CustomerID = t.CustomerID
),
cut AS (
  -- Exact (the value at rank ceil(0.9 N)) while N < accuracy / 2; ${percentile_accuracy} comes from
  -- c360.gold.percentile-accuracy.
  SELECT percentile_approx(TotalSpend, 0.9, ${percentile_accuracy}) AS Spend90Percentile FROM customers
)
SELECT c.CustomerID,
       c.CustomerName,
       c.TotalSpend,
       c.PurchaseFrequency,
       c.TierLevel,
       cut.Spend90Percentile,
       CASE
         WHEN c.TotalSpend >= cut.Spend90Percentile AND c.TotalSpend > 0 THEN 'High-Value Customer'
         WHEN c.PurchaseFrequency = 1 THEN 'One-Time Buyer'
         WHEN c.TierLevel IN ('Gold', 'Platinum') THEN 'Loyalty Champion'
         ELSE 'Regular Customer'
       END AS CustomerSegment
FROM customers c CROSS JOIN cut
