-- Average order value per product, category and store location (DESIGN §5.1).
-- Fix of the tutorial: online orders are attributed to the customer's HOME store (most in-store
-- transactions, tie -> lowest StoreID) instead of being joined to every in-store row of the customer,
-- which multiplied each order by the customer's store visits.
-- CustomerSales (orders and cents per customer and product) and HomeStore are the gold states of
-- sql/gold/state/; products and stores are joined as silver has them now, so a renamed one moves its rows.
WITH totals AS (
  SELECT o.ProductID,
         p.Name AS ProductName,
         p.Category,
         s.Location AS StoreLocation,
         SUM(o.OrderCount) AS order_count,
         SUM(o.Cents) AS cents
  FROM CustomerSales o
  LEFT JOIN Products p ON o.ProductID = p.ProductID
  LEFT JOIN HomeStore h ON o.CustomerID = h.CustomerID
  LEFT JOIN Stores s ON h.StoreID = s.StoreID
  GROUP BY o.ProductID, p.Name, p.Category, s.Location
)
SELECT ProductID,
       ProductName,
       Category,
       StoreLocation,
       order_count AS OrderCount,
       CAST(CAST(cents AS DECIMAL(20, 0)) / 100 AS DECIMAL(18, 2)) AS TotalSales,
       -- Exact half-up (away from zero) rounding in integer arithmetic: no double, no intermediate rounding.
       CAST(CAST(SIGN(cents) * ((ABS(cents) * 2 + order_count) DIV (2 * order_count)) AS DECIMAL(20, 0)) / 100
            AS DECIMAL(10, 2)) AS AverageOrderValue
FROM totals
