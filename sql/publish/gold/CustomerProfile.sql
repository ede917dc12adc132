-- Gold table DDL (DESIGN §5.5, §6); ${nvarchar} is NVARCHAR on SQL Server, VARCHAR elsewhere; ${timestamp} is a
-- wall-clock timestamp without time zone (DATETIME2 on SQL Server).
CREATE TABLE "gold"."CustomerProfile" (
  "CustomerID" INT NOT NULL,
  "CustomerName" ${nvarchar}(100),
  "Email" ${nvarchar}(100),
  "OnlineOrders" BIGINT NOT NULL,
  "OnlineSpend" DECIMAL(18, 2) NOT NULL,
  "InStoreTransactions" BIGINT NOT NULL,
  "InStoreSpend" DECIMAL(18, 2) NOT NULL,
  "TotalSpend" DECIMAL(18, 2) NOT NULL,
  "FirstPurchase" ${timestamp},
  "LastPurchase" ${timestamp},
  "HomeStoreID" INT,
  "HomeStoreLocation" ${nvarchar}(100),
  "LoyaltyAccounts" BIGINT NOT NULL,
  "TierLevel" ${nvarchar}(20),
  "PointsEarned" BIGINT NOT NULL,
  "PointsChange" BIGINT NOT NULL,
  "Interactions" BIGINT NOT NULL,
  "OpenInteractions" BIGINT NOT NULL,
  "LastInteraction" ${timestamp},
  "CustomerSegment" ${nvarchar}(20) NOT NULL,
  CONSTRAINT "PK_gold_CustomerProfile" PRIMARY KEY ("CustomerID")
)
