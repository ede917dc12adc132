package io.c360.silver;

import java.util.Objects;
import java.util.Optional;

/**
 * Why a row was rejected (DESIGN §4 step 4), one per row, the first that applies in the order of {@link Kind}:
 * {@code MALFORMED}, {@code BAD_VALUE:<column>}, {@code NULL_KEY}, {@code ORPHAN:<column>},
 * {@code EXPECTATION:<name>}. The quarantine stores {@link #code()}; {@link #parse} reads it back.
 */
public final class Reason {

  /** The reason families, in the order a row is judged; a family with a detail is written {@code KIND:detail}. */
  public enum Kind {
    MALFORMED(false), BAD_VALUE(true), NULL_KEY(false), ORPHAN(true), EXPECTATION(true);

    private final boolean detailed;

    Kind(boolean detailed) {
      this.detailed = detailed;
    }

    /** Whether codes of this family carry a column or expectation name after {@code ':'}. */
    public boolean detailed() {
      return detailed;
    }

    /** The beginning every code of this family shares: {@code ORPHAN:} or, for a plain family, its name. */
    public String prefix() {
      return detailed ? name() + SEPARATOR : name();
    }

    /** True for a code of this family ({@code null} is no reason at all). */
    public boolean matches(String code) {
      return code != null && (detailed ? code.startsWith(prefix()) : code.equals(name()));
    }

    /** The family named {@code name} (case-insensitive), if there is one. */
    public static Optional<Kind> find(String name) {
      for (Kind kind : values()) {
        if (kind.name().equalsIgnoreCase(name.strip())) {
          return Optional.of(kind);
        }
      }
      return Optional.empty();
    }
  }

  private static final String SEPARATOR = ":";

  public static final Reason MALFORMED = new Reason(Kind.MALFORMED, null);
  public static final Reason NULL_KEY = new Reason(Kind.NULL_KEY, null);

  private final Kind kind;
  private final String detail;

  private Reason(Kind kind, String detail) {
    this.kind = kind;
    this.detail = detail;
  }

  /** A number, date, timestamp or text of {@code column} that does not parse or does not fit. */
  public static Reason badValue(String column) {
    return detailed(Kind.BAD_VALUE, column);
  }

  /** A non-NULL foreign key {@code column} whose parent row is not in silver. */
  public static Reason orphan(String column) {
    return detailed(Kind.ORPHAN, column);
  }

  /** A row dropped by the expectation {@code name} (action {@code drop}). */
  public static Reason expectation(String name) {
    return detailed(Kind.EXPECTATION, name);
  }

  private static Reason detailed(Kind kind, String detail) {
    if (detail == null || detail.isBlank()) {
      throw new IllegalArgumentException(kind + " needs a column or expectation name");
    }
    return new Reason(kind, detail);
  }

  /** Reads a stored code such as {@code ORPHAN:CustomerID}; fails on anything else, naming it. */
  public static Reason parse(String code) {
    int colon = code.indexOf(SEPARATOR);
    String family = colon < 0 ? code : code.substring(0, colon);
    Kind kind = Kind.find(family).filter(k -> k.name().equals(family)).orElseThrow(
        () -> new IllegalArgumentException("not a quarantine reason: '" + code + "'"));
    if (kind.detailed() != colon >= 0) {
      throw new IllegalArgumentException("not a quarantine reason: '" + code + "' (" + kind
          + (kind.detailed() ? " needs ':<name>')" : " takes no ':<name>')"));
    }
    if (!kind.detailed()) {
      return kind == Kind.MALFORMED ? MALFORMED : NULL_KEY;
    }
    if (code.substring(colon + 1).isBlank()) {
      throw new IllegalArgumentException("not a quarantine reason: '" + code + "' (" + kind + " needs ':<name>')");
    }
    return detailed(kind, code.substring(colon + 1));
  }

  public Kind kind() {
    return kind;
  }

  /** The column (BAD_VALUE, ORPHAN) or expectation name (EXPECTATION); empty for MALFORMED and NULL_KEY. */
  public Optional<String> detail() {
    return Optional.ofNullable(detail);
  }

  /** The text the quarantine stores, e.g. {@code BAD_VALUE:Amount}. */
  public String code() {
    return detail == null ? kind.name() : kind.name() + SEPARATOR + detail;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Reason && ((Reason) other).kind == kind && Objects.equals(((Reason) other).detail, detail);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, detail);
  }

  @Override
  public String toString() {
    return code();
  }
}
