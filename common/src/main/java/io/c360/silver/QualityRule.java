package io.c360.silver;

import static org.apache.spark.sql.functions.col;

import io.c360.catalog.Table;
import io.c360.config.Expectation;
import io.c360.config.ExpectationAction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/**
 * An expectation on silver rows, like a Delta Live Tables expectation: a predicate and what to do with rows
 * that violate it. A NULL predicate passes, as in a SQL CHECK constraint.
 */
public final class QualityRule {
  private final String name;
  private final String description;
  private final Column predicate;
  private final ExpectationAction action;

  private QualityRule(String name, String description, Column predicate, ExpectationAction action) {
    this.name = name;
    this.description = description;
    this.predicate = predicate;
    this.action = action;
  }

  /**
   * The rules of {@code table}: a domain check per categorical column (catalog order, action
   * {@code c360.quality.domain-action}), then the configured expectations of that table by name.
   */
  public static List<QualityRule> forTable(Table table, ExpectationAction domainAction,
      List<Expectation> expectations) {
    List<QualityRule> rules = new ArrayList<>();
    for (io.c360.catalog.Column column : table.columns()) {
      if (column.isCategorical()) {
        Column inDomain = col(column.name()).isNull().or(col(column.name()).isin(column.domain().toArray()));
        rules.add(new QualityRule(column.name() + "-in-domain",
            column.name() + " in " + column.domain(), inDomain, domainAction));
      }
    }
    expectations.stream()
        .filter(e -> e.table().equalsIgnoreCase(table.name()))
        .sorted(Comparator.comparing(Expectation::name))
        .forEach(e -> rules.add(new QualityRule(e.name(), e.condition(), functions.expr(e.condition()), e.action())));
    return rules;
  }

  public String name() {
    return name;
  }

  public String description() {
    return description;
  }

  /** True for rows that violate the rule. */
  Column violated() {
    return functions.not(functions.coalesce(predicate, functions.lit(true)));
  }

  public ExpectationAction action() {
    return action;
  }

  /** The reason of a row this rule drops. */
  Reason reason() {
    return Reason.expectation(name);
  }
}
