-- Online orders per customer and product, in cents (gold state gold/_state/CustomerSales): what
-- AverageOrderValue sums after attributing each customer's orders to the customer's home store, so that a
-- customer whose home store moves takes exactly these sums to the new group. A NULL CustomerID or ProductID is
-- a group of its own; a NULL Amount counts as an order of 0; amounts have 2 decimals, so cents are exact.
SELECT CustomerID,
       ProductID,
       COUNT(*) AS OrderCount,
       SUM(CAST(COALESCE(Amount, 0) * 100 AS BIGINT)) AS Cents
FROM OnlineTransactions
GROUP BY CustomerID, ProductID
