-- Gold table DDL (DESIGN §5.2, §6); ${nvarchar} is NVARCHAR on SQL Server, VARCHAR elsewhere.
CREATE TABLE "gold"."CustomerSegmentation" (
  "CustomerID" INT NOT NULL,
  "CustomerName" ${nvarchar}(100),
  "TotalSpend" DECIMAL(18, 2) NOT NULL,
  "PurchaseFrequency" BIGINT NOT NULL,
  "TierLevel" ${nvarchar}(20),
  "Spend90Percentile" DECIMAL(18, 2),
  "CustomerSegment" ${nvarchar}(20) NOT NULL,
  CONSTRAINT "PK_gold_CustomerSegmentation" PRIMARY KEY ("CustomerID")
)
