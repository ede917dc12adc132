package io.c360.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.execution.WholeStageCodegenExec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A stage below {@code c360.spark.codegen-min-input} runs interpreted, one at or above it compiled; a choice made in
 * c360.spark.conf or Spark's own configuration is never changed.
 */
class CodeGenerationTest extends SparkTestBase {
  /** The build's own setting (pom.xml spark.test.interpreted), put back after each test. */
  private final Map<String, String> build = Map.of(
      CodeGeneration.WHOLE_STAGE, spark.conf().get(CodeGeneration.WHOLE_STAGE),
      CodeGeneration.FACTORY_MODE, spark.conf().get(CodeGeneration.FACTORY_MODE));

  @AfterEach
  void buildSettingAgain() {
    build.forEach((key, value) -> spark.conf().set(key, value));
  }

  private boolean planHasWholeStageCode() {
    return !spark.range(10).selectExpr("id * 2 AS twice").queryExecution().executedPlan()
        .collect(new scala.runtime.AbstractPartialFunction<org.apache.spark.sql.execution.SparkPlan, Object>() {
          @Override
          public boolean isDefinedAt(org.apache.spark.sql.execution.SparkPlan plan) {
            return plan instanceof WholeStageCodegenExec;
          }

          @Override
          public Object apply(org.apache.spark.sql.execution.SparkPlan plan) {
            return plan;
          }
        }).isEmpty();
  }

  @Test
  void belowTheThresholdExpressionsAreInterpretedAtItCompiled() {
    CodeGeneration codegen = new CodeGeneration(spark, 1_000, false);

    assertEquals(Optional.of(false), codegen.forStage("silver", 999));
    assertEquals(List.of("false", "NO_CODEGEN"), List.of(spark.conf().get(CodeGeneration.WHOLE_STAGE),
        spark.conf().get(CodeGeneration.FACTORY_MODE)));
    assertTrue(!planHasWholeStageCode(), "no whole-stage code in the plan");

    assertEquals(Optional.of(true), codegen.forStage("gold", 1_000));
    assertEquals(List.of("true", "FALLBACK"), List.of(spark.conf().get(CodeGeneration.WHOLE_STAGE),
        spark.conf().get(CodeGeneration.FACTORY_MODE)), "Spark's defaults");
    assertTrue(planHasWholeStageCode(), "whole-stage code in the plan");
  }

  @Test
  void zeroAlwaysCompiles() {
    assertEquals(Optional.of(true), new CodeGeneration(spark, 0, false).forStage("silver", 0));
  }

  @Test
  void aChoiceInC360SparkConfOrSparksOwnConfigurationStands() {
    spark.conf().set(CodeGeneration.WHOLE_STAGE, "false");
    CodeGeneration inConf = CodeGeneration.of(spark, 1_000, Map.of(CodeGeneration.FACTORY_MODE, "CODEGEN_ONLY"));
    assertEquals(Optional.empty(), inConf.forStage("gold", 1_000_000));
    assertEquals("false", spark.conf().get(CodeGeneration.WHOLE_STAGE), "left as it was");

    // The build passes -Dspark.sql.codegen.wholeStage to every test JVM (pom.xml), so Spark's conf has it.
    assertTrue(spark.sparkContext().getConf().contains(CodeGeneration.WHOLE_STAGE));
    assertEquals(Optional.empty(), CodeGeneration.of(spark, 1_000, Map.of()).forStage("gold", 0));
  }
}
