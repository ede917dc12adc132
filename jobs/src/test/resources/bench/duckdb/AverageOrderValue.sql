-- DuckDB reference for gold AverageOrderValue (scripts/bench), written apart from sql/gold: the home store is the
-- first store by (visits descending, StoreID) as an ordered aggregate; money in integer cents, the average rounded
-- half-up in integer arithmetic (DuckDB divides DECIMAL by DECIMAL into DOUBLE, so no division on decimals).
WITH store_visits AS (
  SELECT CustomerID, StoreID, count(*) AS visits
  FROM InStoreTransactions
  WHERE CustomerID IS NOT NULL AND StoreID IS NOT NULL
  GROUP BY ALL
),
home AS (
  SELECT CustomerID, first(StoreID ORDER BY visits DESC, StoreID) AS StoreID
  FROM store_visits
  GROUP BY CustomerID
),
per_group AS (
  SELECT o.ProductID, p.Name AS ProductName, p.Category, s.Location AS StoreLocation,
         count(*) AS orders, sum(CAST(COALESCE(o.Amount, 0) * 100 AS BIGINT)) AS cents
  FROM OnlineTransactions o
  LEFT JOIN Products p ON p.ProductID = o.ProductID
  LEFT JOIN home h ON h.CustomerID = o.CustomerID
  LEFT JOIN Stores s ON s.StoreID = h.StoreID
  GROUP BY ALL
)
SELECT ProductID, ProductName, Category, StoreLocation,
       orders AS OrderCount,
       CAST(CAST(cents AS DECIMAL(18, 0)) * 0.01 AS DECIMAL(18, 2)) AS TotalSales,
       CAST(CAST(sign(cents) * ((abs(cents) * 2 + orders) // (orders * 2)) AS DECIMAL(18, 0)) * 0.01
            AS DECIMAL(10, 2)) AS AverageOrderValue
FROM per_group
