-- H2 oracle for gold AverageOrderValue, written independently of sql/gold (different formulation on purpose):
-- the home store is the lowest StoreID among the stores with the customer's largest visit count.
WITH visits AS (
  SELECT CustomerID, StoreID, COUNT(*) AS n FROM InStoreTransactions
  WHERE StoreID IS NOT NULL AND CustomerID IS NOT NULL GROUP BY CustomerID, StoreID
), most AS (
  SELECT CustomerID, MAX(n) AS top FROM visits GROUP BY CustomerID
), home AS (
  SELECT v.CustomerID, MIN(v.StoreID) AS StoreID
  FROM visits v JOIN most m ON m.CustomerID = v.CustomerID AND v.n = m.top
  GROUP BY v.CustomerID
)
SELECT o.ProductID, p.Name, p.Category, s.Location,
       COUNT(*),
       CAST(SUM(COALESCE(o.Amount, 0)) AS DECIMAL(18, 2)),
       CAST(ROUND(CAST(SUM(COALESCE(o.Amount, 0)) AS DECIMAL(38, 12)) / COUNT(*), 2) AS DECIMAL(10, 2))
FROM OnlineTransactions o
LEFT JOIN Products p ON p.ProductID = o.ProductID
LEFT JOIN home h ON h.CustomerID = o.CustomerID
LEFT JOIN Stores s ON s.StoreID = h.StoreID
GROUP BY o.ProductID, p.Name, p.Category, s.Location
