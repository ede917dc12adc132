-- H2 oracle for gold AgentPerformance.
SELECT a.AgentID, a.Name,
  (SELECT COUNT(*) FROM CustomerServiceInteractions i WHERE i.AgentID = a.AgentID),
  (SELECT COUNT(*) FROM CustomerServiceInteractions i WHERE i.AgentID = a.AgentID AND i.ResolutionStatus = 'Resolved'),
  CASE WHEN (SELECT COUNT(*) FROM CustomerServiceInteractions i WHERE i.AgentID = a.AgentID) = 0 THEN NULL
    ELSE CAST(ROUND(CAST((SELECT COUNT(*) FROM CustomerServiceInteractions i
                          WHERE i.AgentID = a.AgentID AND i.ResolutionStatus = 'Resolved') AS DECIMAL(38, 12)) * 100
              / (SELECT COUNT(*) FROM CustomerServiceInteractions i WHERE i.AgentID = a.AgentID), 2) AS DECIMAL(5, 2))
  END
FROM Agents a
