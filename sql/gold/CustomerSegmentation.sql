-- One row per customer with total spend, purchase frequency, highest loyalty tier and segment (DESIGN §5.2).
-- Fix of the tutorial: each channel is aggregated per customer BEFORE joining (CustomerFacts, the gold state of
-- sql/gold/state/CustomerFacts.sql), so online orders are not multiplied by in-store rows and loyalty accounts.
-- The p90 is global: it is recomputed from the per-customer facts on every run that changed them.
WITH cut AS (
  -- Exact (the value at rank ceil(0.9 N)) while N < accuracy / 2; ${percentile_accuracy} comes from
  -- c360.gold.percentile-accuracy.
  SELECT percentile_approx(TotalSpend, 0.9, ${percentile_accuracy}) AS Spend90Percentile FROM CustomerFacts
)
SELECT f.CustomerID,
       f.CustomerName,
       f.TotalSpend,
       f.PurchaseFrequency,
       f.TierLevel,
       cut.Spend90Percentile,
       CASE
         WHEN f.TotalSpend >= cut.Spend90Percentile AND f.TotalSpend > 0 THEN 'High-Value Customer'
         WHEN f.PurchaseFrequency = 1 THEN 'One-Time Buyer'
         WHEN f.TierLevel IN ('Gold', 'Platinum') THEN 'Loyalty Champion'
         ELSE 'Regular Customer'
       END AS CustomerSegment
FROM CustomerFacts f CROSS JOIN cut
