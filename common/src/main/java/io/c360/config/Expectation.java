package io.c360.config;

/** A configured expectation: a Spark SQL condition over one catalog table's columns and its action. */
public final class Expectation {
  private final String table;
  private final String name;
  private final String condition;
  private final ExpectationAction action;

  public Expectation(String table, String name, String condition, ExpectationAction action) {
    this.table = table;
    this.name = name;
    this.condition = condition;
    this.action = action;
  }

  public String table() {
    return table;
  }

  public String name() {
    return name;
  }

  public String condition() {
    return condition;
  }

  public ExpectationAction action() {
    return action;
  }

  @Override
  public String toString() {
    return table + "." + name + " {condition = \"" + condition + "\", action = " + action + "}";
  }
}
