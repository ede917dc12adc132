package io.c360.generate;

/**
 * The defect classes {@code --dirty} injects, at most one per row. Classes that reject a row alternate with
 * classes that keep it, so that the rows forced at the top of each file never make a file mostly garbage.
 */
enum Defect {
  NONE(false),
  /** One field missing. */
  MALFORMED_FEW(true),
  /** Padded and odd-case category: normalised, kept. */
  NORMALISE(false),
  /** One field too many. */
  MALFORMED_MANY(true),
  /** The same key again later with other values: the later copy wins. */
  DUPLICATE(false),
  /**
   * Text after a closing quote ({@code "Completed"x}). Not an unterminated quote: silver joins lines until the
   * quote closes (RFC 4180), so that would spoil up to {@code c360.bronze.max-record-lines} good rows after it.
   */
  MALFORMED_QUOTE(true),
  /** An empty optional field: NULL, kept. */
  EMPTY_OPTIONAL(false),
  /** A value that does not parse or does not fit its column. */
  BAD_VALUE(true),
  /** A later copy of the key with a bad value: quarantined, the earlier row stays. */
  DUPLICATE_REJECTED(false),
  /** A primary key column left empty. */
  NULL_KEY(true),
  /** An empty foreign key: not an orphan, kept. */
  NULL_FK(false),
  /** A foreign key whose parent does not exist. */
  ORPHAN(true),
  /** A negative amount or price: kept with a warning. */
  WARN_NEGATIVE(false),
  /** A categorical value outside its domain: kept with a warning. */
  WARN_DOMAIN(false);

  private final boolean rejectsRow;

  Defect(boolean rejectsRow) {
    this.rejectsRow = rejectsRow;
  }

  /** Whether the row itself is rejected, whatever its parents. */
  boolean rejectsRow() {
    return rejectsRow;
  }
}
