-- H2 oracle for gold AverageOrderValue, written independently of sql/gold (different formulation on purpose):
-- each order at its customer's home store, from oracle/home_stores.sql.
SELECT o.ProductID, p.Name, p.Category, s.Location,
       COUNT(*),
       CAST(SUM(COALESCE(o.Amount, 0)) AS DECIMAL(18, 2)),
       CAST(ROUND(CAST(SUM(COALESCE(o.Amount, 0)) AS DECIMAL(38, 12)) / COUNT(*), 2) AS DECIMAL(10, 2))
FROM OnlineTransactions o
LEFT JOIN Products p ON p.ProductID = o.ProductID
LEFT JOIN oracle_home h ON h.CustomerID = o.CustomerID
LEFT JOIN Stores s ON s.StoreID = h.StoreID
GROUP BY o.ProductID, p.Name, p.Category, s.Location
