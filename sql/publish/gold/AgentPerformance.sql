-- Gold table DDL (DESIGN §5.4, §6); ${nvarchar} is NVARCHAR on SQL Server, VARCHAR elsewhere.
CREATE TABLE "gold"."AgentPerformance" (
  "AgentID" INT NOT NULL,
  "AgentName" ${nvarchar}(100),
  "TotalInteractions" BIGINT NOT NULL,
  "ResolvedInteractions" BIGINT NOT NULL,
  "ResolutionSuccessRate" DECIMAL(5, 2),
  CONSTRAINT "PK_gold_AgentPerformance" PRIMARY KEY ("AgentID")
)
