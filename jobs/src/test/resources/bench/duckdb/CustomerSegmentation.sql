-- DuckDB reference for gold CustomerSegmentation (scripts/bench): both channels united, then aggregated once per
-- customer; the highest tier by its position in the tier list; p90 is the spend at rank ceil(0.9 N) (integer
-- arithmetic: ceil(9 N / 10) = (9 N + 9) // 10), which c360's percentile_approx equals at its default accuracy.
CREATE OR REPLACE TEMP TABLE ref_customers AS
WITH purchases AS (
  SELECT CustomerID, Amount FROM OnlineTransactions
  UNION ALL
  SELECT CustomerID, Amount FROM InStoreTransactions
),
per_customer AS (
  SELECT CustomerID, sum(COALESCE(Amount, 0)) AS spend, count(*) AS purchases
  FROM purchases WHERE CustomerID IS NOT NULL GROUP BY CustomerID
),
best_tier AS (
  SELECT CustomerID, arg_max(TierLevel, list_position(['Bronze', 'Silver', 'Gold', 'Platinum'], TierLevel)) AS tier
  FROM LoyaltyAccounts
  WHERE TierLevel IN ('Bronze', 'Silver', 'Gold', 'Platinum')
  GROUP BY CustomerID
)
SELECT c.CustomerID, c.Name AS CustomerName,
       CAST(COALESCE(pc.spend, 0) AS DECIMAL(18, 2)) AS TotalSpend,
       COALESCE(pc.purchases, 0) AS PurchaseFrequency,
       t.tier AS TierLevel
FROM Customers c
LEFT JOIN per_customer pc ON pc.CustomerID = c.CustomerID
LEFT JOIN best_tier t ON t.CustomerID = c.CustomerID;

CREATE OR REPLACE TEMP TABLE ref_cut AS
SELECT TotalSpend AS p90
FROM (SELECT TotalSpend, row_number() OVER (ORDER BY TotalSpend) AS position, count(*) OVER () AS n
      FROM ref_customers)
WHERE position = (9 * n + 9) // 10;

SELECT c.CustomerID, c.CustomerName, c.TotalSpend, c.PurchaseFrequency, c.TierLevel,
       cut.p90 AS Spend90Percentile,
       CASE WHEN c.TotalSpend >= cut.p90 AND c.TotalSpend > 0 THEN 'High-Value Customer'
            WHEN c.PurchaseFrequency = 1 THEN 'One-Time Buyer'
            WHEN c.TierLevel IN ('Gold', 'Platinum') THEN 'Loyalty Champion'
            ELSE 'Regular Customer' END AS CustomerSegment
FROM ref_customers c, ref_cut cut
