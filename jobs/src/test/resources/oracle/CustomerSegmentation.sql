-- H2 oracle for gold CustomerSegmentation: p90 is the spend at rank ceil(0.9 N) in ascending order.
-- (Not H2's PERCENTILE_DISC: on 97,477 customers it returned the value at rank 87,729, one below ceil(0.9 N).)
-- Intermediate tables keep H2 from re-evaluating the per-customer sums for every row.
CREATE TABLE oracle_spend AS
SELECT c.CustomerID, c.Name,
  CAST(COALESCE((SELECT SUM(COALESCE(Amount, 0)) FROM OnlineTransactions o WHERE o.CustomerID = c.CustomerID), 0)
     + COALESCE((SELECT SUM(COALESCE(Amount, 0)) FROM InStoreTransactions i WHERE i.CustomerID = c.CustomerID), 0)
     AS DECIMAL(18, 2)) AS total,
  (SELECT COUNT(*) FROM OnlineTransactions o WHERE o.CustomerID = c.CustomerID)
    + (SELECT COUNT(*) FROM InStoreTransactions i WHERE i.CustomerID = c.CustomerID) AS freq,
  CASE WHEN EXISTS (SELECT 1 FROM LoyaltyAccounts a WHERE a.CustomerID = c.CustomerID AND a.TierLevel = 'Platinum') THEN 'Platinum'
       WHEN EXISTS (SELECT 1 FROM LoyaltyAccounts a WHERE a.CustomerID = c.CustomerID AND a.TierLevel = 'Gold') THEN 'Gold'
       WHEN EXISTS (SELECT 1 FROM LoyaltyAccounts a WHERE a.CustomerID = c.CustomerID AND a.TierLevel = 'Silver') THEN 'Silver'
       WHEN EXISTS (SELECT 1 FROM LoyaltyAccounts a WHERE a.CustomerID = c.CustomerID AND a.TierLevel = 'Bronze') THEN 'Bronze'
  END AS tier
FROM Customers c;

CREATE TABLE oracle_cut AS
SELECT total AS p90
FROM (SELECT total, ROW_NUMBER() OVER (ORDER BY total) AS rn, COUNT(*) OVER () AS n FROM oracle_spend) ranked
WHERE rn = CEIL(0.9 * n);

SELECT s.CustomerID, s.Name, s.total, s.freq, s.tier, cut.p90,
  CASE WHEN s.total >= cut.p90 AND s.total > 0 THEN 'High-Value Customer'
       WHEN s.freq = 1 THEN 'One-Time Buyer'
       WHEN s.tier = 'Gold' OR s.tier = 'Platinum' THEN 'Loyalty Champion'
       ELSE 'Regular Customer' END
FROM oracle_spend s CROSS JOIN oracle_cut cut
