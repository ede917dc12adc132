-- A customer's home store (DESIGN §5.1, §5.5): the store where the customer has the most in-store transactions,
-- tie -> lowest StoreID; NULL StoreIDs ignored; no in-store history -> no row. Gold state gold/_state/HomeStore,
-- one row per customer, read by AverageOrderValue and CustomerProfile, so the two share one rule. A customer's
-- row depends on that customer's in-store rows only: an incremental run recomputes it for the customers whose
-- in-store rows changed.
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
