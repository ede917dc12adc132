-- Gold table DDL (DESIGN §5.1, §6); ${nvarchar} is NVARCHAR on SQL Server, VARCHAR elsewhere.
-- No primary key: ProductID and StoreLocation may be NULL (orders without a product or a home store). The
-- grouping columns are declared UNIQUE instead: publish merges a gold change on them (a target created
-- before this constraint is replaced whole instead).
CREATE TABLE "gold"."AverageOrderValue" (
  "ProductID" INT,
  "ProductName" ${nvarchar}(100),
  "Category" ${nvarchar}(50),
  "StoreLocation" ${nvarchar}(100),
  "OrderCount" BIGINT NOT NULL,
  "TotalSales" DECIMAL(18, 2) NOT NULL,
  "AverageOrderValue" DECIMAL(10, 2) NOT NULL,
  CONSTRAINT "UQ_gold_AverageOrderValue" UNIQUE ("ProductID", "ProductName", "Category", "StoreLocation")
)
