-- DuckDB reference for gold AgentPerformance (scripts/bench): filtered counts; the rate in hundredths of a percent
-- rounded half-up with integer division, NULL for an agent without interactions.
WITH counted AS (
  SELECT a.AgentID, a.Name AS AgentName,
         count(i.InteractionID) AS total,
         count(i.InteractionID) FILTER (WHERE i.ResolutionStatus = 'Resolved') AS resolved
  FROM Agents a
  LEFT JOIN CustomerServiceInteractions i ON i.AgentID = a.AgentID
  GROUP BY ALL
)
SELECT AgentID, AgentName, total AS TotalInteractions, resolved AS ResolvedInteractions,
       CASE WHEN total > 0
            THEN CAST(CAST((resolved * 20000 + total) // (total * 2) AS DECIMAL(18, 0)) * 0.01 AS DECIMAL(5, 2))
       END AS ResolutionSuccessRate
FROM counted
