-- A customer's home store (DESIGN §5.1, §5.5): the store where the customer has the most in-store transactions,
-- tie -> lowest StoreID; NULL StoreIDs ignored; no in-store history -> no row. Registered as the view HomeStore
-- before the gold queries, so AverageOrderValue and CustomerProfile share one rule.
WITH visits AS (
  SELECT CustomerID, StoreID, COUNT(*) AS visit_count
  FROM InStoreTransactions
  WHERE CustomerID IS NOT NULL AND StoreID IS NOT NULL
  GROUP BY CustomerID, StoreID
)
SELECT CustomerID, StoreID
FROM (
  SELECT CustomerID, StoreID,
         ROW_NUMBER() OVER (PARTITION BY CustomerID ORDER BY visit_count DESC, StoreID ASC) AS visit_rank
  FROM visits
) ranked
WHERE visit_rank = 1
