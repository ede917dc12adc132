-- The unified Customer 360 row (DESIGN §5.5), one per silver customer: the per-customer facts of the gold state
-- CustomerFacts (each source aggregated per customer before joining, so none multiplies another), the home store
-- of the state HomeStore (the rule of AverageOrderValue) with its Location as Stores has it now, and TotalSpend,
-- TierLevel and CustomerSegment as CustomerSegmentation has them (that gold query, registered as a view of the
-- same name), so the two tables cannot disagree.
SELECT f.CustomerID,
       f.CustomerName,
       f.Email,
       f.OnlineOrders,
       f.OnlineSpend,
       f.InStoreTransactions,
       f.InStoreSpend,
       seg.TotalSpend,
       f.FirstPurchase,
       f.LastPurchase,
       h.StoreID AS HomeStoreID,
       s.Location AS HomeStoreLocation,
       f.LoyaltyAccounts,
       seg.TierLevel,
       f.PointsEarned,
       f.PointsChange,
       f.Interactions,
       f.OpenInteractions,
       f.LastInteraction,
       seg.CustomerSegment
FROM CustomerFacts f
JOIN CustomerSegmentation seg ON seg.CustomerID = f.CustomerID
LEFT JOIN HomeStore h ON h.CustomerID = f.CustomerID
LEFT JOIN Stores s ON s.StoreID = h.StoreID
