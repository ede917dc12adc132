-- Resolution rate per agent (DESIGN §5.4): every agent appears; no interactions -> NULL rate; a NULL
-- ResolutionStatus counts as not resolved.
WITH per_agent AS (
  SELECT a.AgentID,
         a.Name AS AgentName,
         COUNT(i.InteractionID) AS total,
         COUNT(CASE WHEN i.ResolutionStatus = 'Resolved' THEN 1 END) AS resolved
  FROM Agents a
  LEFT JOIN CustomerServiceInteractions i ON i.AgentID = a.AgentID
  GROUP BY a.AgentID, a.Name
)
SELECT AgentID,
       AgentName,
       total AS TotalInteractions,
       resolved AS ResolvedInteractions,
       -- 100 * resolved / total in hundredths, rounded half-up in integer arithmetic.
       CASE WHEN total = 0 THEN NULL
            ELSE CAST(CAST((resolved * 20000 + total) DIV (2 * total) AS DECIMAL(20, 0)) / 100 AS DECIMAL(5, 2))
       END AS ResolutionSuccessRate
FROM per_agent
