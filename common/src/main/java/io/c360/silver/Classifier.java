package io.c360.silver;

import static io.c360.silver.Candidates.REASON;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import io.c360.catalog.Catalog;
import io.c360.catalog.ForeignKey;
import io.c360.catalog.Table;
import io.c360.config.ExpectationAction;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * The reasons that need more than the line itself (DESIGN §4 step 4), after the parser's {@code MALFORMED},
 * {@code BAD_VALUE} and {@code NULL_KEY}: {@code ORPHAN:<column>} for the first foreign key (catalog order) whose
 * parent is not in silver, then {@code EXPECTATION:<name>} for the first violated {@code drop} rule. A row keeps
 * the first reason that applies; {@code warn} and {@code fail} rules only flag it, one column per rule.
 */
final class Classifier {
  private final Table table;
  private final List<QualityRule> rules;
  private final ParentKeys parentKeys;

  Classifier(Table table, List<QualityRule> rules, ParentKeys parentKeys) {
    this.table = table;
    this.rules = List.copyOf(rules);
    this.parentKeys = parentKeys;
  }

  /** The flag column of the {@code index}-th rule (warn and fail rules): true where the row violates it. */
  static String flag(int index) {
    return "_rule_" + index;
  }

  /** Typed candidates with their final reason and one flag column per warn/fail rule. */
  Dataset<Row> classify(Dataset<Row> typed) {
    Dataset<Row> rows = typed;
    for (ForeignKey fk : table.foreignKeys()) {
      Optional<Broadcast<int[]>> parent = parentKeys.of(Catalog.table(fk.parentTable()));
      Column orphan = col(fk.column()).isNotNull();
      if (parent.isPresent()) {
        orphan = orphan.and(not(inParent(parent.get()).apply(col(fk.column()))));
      }
      rows = rows.withColumn(REASON, when(col(REASON).isNull().and(orphan), lit(Reason.orphan(fk.column()).code()))
          .otherwise(col(REASON)));
    }
    for (int i = 0; i < rules.size(); i++) {
      QualityRule rule = rules.get(i);
      Column hit = col(REASON).isNull().and(rule.violated());
      if (rule.action() == ExpectationAction.DROP) {
        rows = rows.withColumn(REASON, when(hit, lit(rule.reason().code())).otherwise(col(REASON)));
      } else {
        rows = rows.withColumn(flag(i), hit);
      }
    }
    return rows;
  }

  /** Whether a (non-NULL) key is among the parent's sorted keys. */
  private static UserDefinedFunction inParent(Broadcast<int[]> keys) {
    return functions.udf((UDF1<Integer, Boolean>) key -> key == null || Arrays.binarySearch(keys.value(), key) >= 0,
        DataTypes.BooleanType);
  }

  /** Stops before the MERGE when a {@code fail} rule was violated (DESIGN §4 step 4), naming rule and count. */
  void enforceFailRules(Tally tally) {
    for (int i = 0; i < rules.size(); i++) {
      QualityRule rule = rules.get(i);
      long violations = tally.ruleHits(i);
      if (rule.action() == ExpectationAction.FAIL && violations > 0) {
        throw new ExpectationFailedException(String.format(
            "table %s: %d rows violate expectation '%s' (%s) whose action is fail; nothing was merged into "
                + "silver %s and its files stay unrecorded, so the next run retries them",
            table, violations, rule.name(), rule.description(), table));
      }
    }
  }
}
