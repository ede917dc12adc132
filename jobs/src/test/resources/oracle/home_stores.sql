-- H2 oracle: each customer's home store, for oracle/AverageOrderValue.sql and oracle/CustomerProfile.sql, written
-- independently of sql/gold: the lowest StoreID among the stores with the customer's largest visit count.
-- Tables with indexes, not a CTE: joined to the orders as a CTE, H2 took 34 s at scale 1,000 for what takes 3 s
-- this way.
CREATE TABLE oracle_visits AS
SELECT CustomerID, StoreID, COUNT(*) AS n FROM InStoreTransactions
WHERE StoreID IS NOT NULL AND CustomerID IS NOT NULL GROUP BY CustomerID, StoreID;
CREATE INDEX oracle_visits_customer ON oracle_visits (CustomerID);

CREATE TABLE oracle_home AS
SELECT v.CustomerID, MIN(v.StoreID) AS StoreID
FROM oracle_visits v
WHERE v.n = (SELECT MAX(w.n) FROM oracle_visits w WHERE w.CustomerID = v.CustomerID)
GROUP BY v.CustomerID;
CREATE UNIQUE INDEX oracle_home_customer ON oracle_home (CustomerID)
