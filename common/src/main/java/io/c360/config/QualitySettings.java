package io.c360.config;

import java.util.List;

/** {@code c360.quality}: rejected-share ceiling, domain checks and expectations. */
public final class QualitySettings {
  private final double maxRejectedFraction;
  private final ExpectationAction domainAction;
  private final List<Expectation> expectations;

  QualitySettings(double maxRejectedFraction, ExpectationAction domainAction, List<Expectation> expectations) {
    this.maxRejectedFraction = maxRejectedFraction;
    this.domainAction = domainAction;
    this.expectations = List.copyOf(expectations);
  }

  public double maxRejectedFraction() {
    return maxRejectedFraction;
  }

  public ExpectationAction domainAction() {
    return domainAction;
  }

  /** Every configured expectation, sorted by table then name. */
  public List<Expectation> expectations() {
    return expectations;
  }
}
