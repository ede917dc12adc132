package io.c360.lake;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether Spark compiles a stage's expressions to bytecode, chosen from the stage's input size
 * ({@code c360.spark.codegen-min-input}). Compiling a query's generated Java with Janino costs a fixed
 * tenth of a second or more per plan, and a stage plans dozens; interpreted evaluation costs more per row. Below
 * the threshold the compiling is the larger cost (on 2 cores: the demo 82.9 → 65.4 s, scale 1,000 10–20% faster,
 * scale 4,000 even), so the stage runs interpreted; at or above it Spark's defaults apply.
 *
 * <p>Whoever set {@code spark.sql.codegen.wholeStage} or {@code spark.sql.codegen.factoryMode} themselves (in
 * {@code c360.spark.conf}, to spark-submit, as a system property) keeps their choice: nothing is changed then.
 */
public final class CodeGeneration {
  private static final Logger LOG = LoggerFactory.getLogger(CodeGeneration.class);

  public static final String WHOLE_STAGE = "spark.sql.codegen.wholeStage";
  public static final String FACTORY_MODE = "spark.sql.codegen.factoryMode";
  private static final Set<String> KEYS = Set.of(WHOLE_STAGE, FACTORY_MODE);

  private final SparkSession spark;
  private final long minInputBytes;
  private final boolean chosenByUser;

  CodeGeneration(SparkSession spark, long minInputBytes, boolean chosenByUser) {
    this.spark = spark;
    this.minInputBytes = minInputBytes;
    this.chosenByUser = chosenByUser;
  }

  /**
   * For {@code spark}, built with {@code extraConf} ({@code c360.spark.conf}); {@code minInputBytes} 0 compiles
   * always.
   */
  public static CodeGeneration of(SparkSession spark, long minInputBytes, Map<String, String> extraConf) {
    if (minInputBytes < 0) {
      throw new IllegalArgumentException("minimum input for code generation must be >= 0, got " + minInputBytes);
    }
    boolean chosen = KEYS.stream().anyMatch(key -> extraConf.containsKey(key)
        || spark.sparkContext().getConf().contains(key));
    return new CodeGeneration(spark, minInputBytes, chosen);
  }

  /**
   * Sets the session for a stage reading {@code inputBytes}; returns whether expressions are compiled, or empty
   * when the user's own setting stands.
   */
  public Optional<Boolean> forStage(String stage, long inputBytes) {
    if (chosenByUser) {
      return Optional.empty();
    }
    boolean compile = inputBytes >= minInputBytes;
    if (compile) {
      KEYS.forEach(key -> spark.conf().unset(key));
    } else {
      spark.conf().set(WHOLE_STAGE, "false");
      spark.conf().set(FACTORY_MODE, "NO_CODEGEN");
    }
    LOG.info(String.format(Locale.ROOT, "%s: %,d input bytes, expressions %s (c360.spark.codegen-min-input = %,d)",
        stage, inputBytes, compile ? "compiled" : "interpreted", minInputBytes));
    return Optional.of(compile);
  }
}
