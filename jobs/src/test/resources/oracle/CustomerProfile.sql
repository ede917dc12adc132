-- H2 oracle for gold CustomerProfile, written independently of sql/gold: one correlated subquery per column
-- over the customer's own rows; the home store from oracle/home_stores.sql (lowest StoreID among the stores with
-- the largest visit count); p90 at rank ceil(0.9 N) as in oracle/CustomerSegmentation.sql.
-- Indexes on the customer keys: without them each correlated subquery scans its whole table (hours at scale 1,000).
CREATE INDEX IF NOT EXISTS profile_online_customer ON OnlineTransactions (CustomerID);
CREATE INDEX IF NOT EXISTS profile_store_customer ON InStoreTransactions (CustomerID);
CREATE INDEX IF NOT EXISTS profile_account_customer ON LoyaltyAccounts (CustomerID);
CREATE INDEX IF NOT EXISTS profile_points_account ON LoyaltyTransactions (LoyaltyID);
CREATE INDEX IF NOT EXISTS profile_contact_customer ON CustomerServiceInteractions (CustomerID);

CREATE TABLE profile_base AS
SELECT c.CustomerID, c.Name, c.Email,
  (SELECT COUNT(*) FROM OnlineTransactions o WHERE o.CustomerID = c.CustomerID) AS online_orders,
  CAST(COALESCE((SELECT SUM(COALESCE(o.Amount, 0)) FROM OnlineTransactions o WHERE o.CustomerID = c.CustomerID), 0)
    AS DECIMAL(18, 2)) AS online_spend,
  (SELECT COUNT(*) FROM InStoreTransactions i WHERE i.CustomerID = c.CustomerID) AS store_count,
  CAST(COALESCE((SELECT SUM(COALESCE(i.Amount, 0)) FROM InStoreTransactions i WHERE i.CustomerID = c.CustomerID), 0)
    AS DECIMAL(18, 2)) AS store_spend,
  (SELECT MIN(o.DateTime) FROM OnlineTransactions o WHERE o.CustomerID = c.CustomerID) AS online_first,
  (SELECT MIN(i.DateTime) FROM InStoreTransactions i WHERE i.CustomerID = c.CustomerID) AS store_first,
  (SELECT MAX(o.DateTime) FROM OnlineTransactions o WHERE o.CustomerID = c.CustomerID) AS online_last,
  (SELECT MAX(i.DateTime) FROM InStoreTransactions i WHERE i.CustomerID = c.CustomerID) AS store_last,
  (SELECT COUNT(*) FROM LoyaltyAccounts a WHERE a.CustomerID = c.CustomerID) AS accounts,
  CASE WHEN EXISTS (SELECT 1 FROM LoyaltyAccounts a WHERE a.CustomerID = c.CustomerID AND a.TierLevel = 'Platinum') THEN 'Platinum'
       WHEN EXISTS (SELECT 1 FROM LoyaltyAccounts a WHERE a.CustomerID = c.CustomerID AND a.TierLevel = 'Gold') THEN 'Gold'
       WHEN EXISTS (SELECT 1 FROM LoyaltyAccounts a WHERE a.CustomerID = c.CustomerID AND a.TierLevel = 'Silver') THEN 'Silver'
       WHEN EXISTS (SELECT 1 FROM LoyaltyAccounts a WHERE a.CustomerID = c.CustomerID AND a.TierLevel = 'Bronze') THEN 'Bronze'
  END AS tier,
  COALESCE((SELECT SUM(a.PointsEarned) FROM LoyaltyAccounts a WHERE a.CustomerID = c.CustomerID), 0) AS earned,
  COALESCE((SELECT SUM(m.PointsChange) FROM LoyaltyTransactions m JOIN LoyaltyAccounts a ON a.LoyaltyID = m.LoyaltyID
            WHERE a.CustomerID = c.CustomerID), 0) AS moved,
  (SELECT COUNT(*) FROM CustomerServiceInteractions x WHERE x.CustomerID = c.CustomerID) AS interactions,
  (SELECT COUNT(*) FROM CustomerServiceInteractions x
   WHERE x.CustomerID = c.CustomerID AND (x.ResolutionStatus IS NULL OR x.ResolutionStatus <> 'Resolved')) AS open_count,
  (SELECT MAX(x.DateTime) FROM CustomerServiceInteractions x WHERE x.CustomerID = c.CustomerID) AS last_contact
FROM Customers c;

CREATE TABLE profile_cut AS
SELECT total AS p90
FROM (SELECT online_spend + store_spend AS total,
             ROW_NUMBER() OVER (ORDER BY online_spend + store_spend) AS rn, COUNT(*) OVER () AS n
      FROM profile_base) ranked
WHERE rn = CEIL(0.9 * n);

SELECT b.CustomerID, b.Name, b.Email, b.online_orders, b.online_spend, b.store_count, b.store_spend,
  b.online_spend + b.store_spend,
  CASE WHEN b.online_first IS NULL OR b.store_first < b.online_first THEN b.store_first ELSE b.online_first END,
  CASE WHEN b.online_last IS NULL OR b.store_last > b.online_last THEN b.store_last ELSE b.online_last END, h.StoreID, s.Location, b.accounts, b.tier, b.earned,
  b.moved, b.interactions, b.open_count, b.last_contact,
  CASE WHEN b.online_spend + b.store_spend >= cut.p90 AND b.online_spend + b.store_spend > 0 THEN 'High-Value Customer'
       WHEN b.online_orders + b.store_count = 1 THEN 'One-Time Buyer'
       WHEN b.tier = 'Gold' OR b.tier = 'Platinum' THEN 'Loyalty Champion'
       ELSE 'Regular Customer' END
FROM profile_base b
CROSS JOIN profile_cut cut
LEFT JOIN oracle_home h ON h.CustomerID = b.CustomerID
LEFT JOIN Stores s ON s.StoreID = h.StoreID
