// Databricks notebook source
// MAGIC %md
// MAGIC # Customer 360: run the stages and look at gold
// MAGIC Attach the cluster jar (`c360-jobs-<version>-cluster.jar`, see README "Deployment > Databricks") to a
// MAGIC Databricks 15.4/16.4 LTS cluster with `JNAME=zulu17-ca-amd64` and the secret environment variables of
// MAGIC `conf/databricks.conf`. Each stage is one call of the same entry point the job uses; the notebook's
// MAGIC SparkSession is reused.

// COMMAND ----------

dbutils.widgets.text("lake_root", "abfss://lake@<account>.dfs.core.windows.net/c360")
val lake = dbutils.widgets.get("lake_root")
def c360(args: String*): Int = io.c360.cli.C360.execute((args ++ Seq("--profile", "databricks", s"-Dc360.lake.root=$lake")): _*)

// COMMAND ----------

// Bronze -> silver: 0 = ok, 1 = refused files / failed expectation (see the quarantine), 2 = config, 3 = runtime.
assert(c360("run", "--stages", "silver") == 0)

// COMMAND ----------

assert(c360("run", "--stages", "gold") == 0)

// COMMAND ----------

display(spark.read.format("delta").load(s"$lake/gold/CustomerSegmentation").orderBy($"TotalSpend".desc))

// COMMAND ----------

display(spark.read.format("delta").load(s"$lake/gold/AverageOrderValue").orderBy($"TotalSales".desc))

// COMMAND ----------

display(spark.read.format("delta").load(s"$lake/gold/PeakTimes").orderBy($"Channel", $"DayOfWeekNumber", $"HourOfDay"))

// COMMAND ----------

display(spark.read.format("delta").load(s"$lake/gold/AgentPerformance").orderBy($"ResolutionSuccessRate".desc_nulls_last))

// COMMAND ----------

// The unified Customer 360 profile: one row per customer, top spenders first.
display(spark.read.format("delta").load(s"$lake/gold/CustomerProfile").orderBy($"TotalSpend".desc, $"CustomerID"))

// COMMAND ----------

// Optional: publish silver and gold to Azure SQL (conf/databricks.conf, publish.*).
// assert(c360("run", "--stages", "publish") == 0)
c360("status")
