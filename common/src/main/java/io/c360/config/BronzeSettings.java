package io.c360.config;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** {@code c360.bronze}: how bronze CSV files are decoded and cut into records. */
public final class BronzeSettings {
  /** The bytes silver finds records and fields by; they must encode as these same ASCII bytes. */
  private static final String SEPARATORS = "\n\r,\"";

  private final String encoding;
  private final int maxRecordLines;

  BronzeSettings(String encoding, int maxRecordLines) {
    this.encoding = encoding;
    this.maxRecordLines = maxRecordLines;
  }

  /** The canonical name of the charset bronze files are decoded with, e.g. {@code UTF-8}. */
  public String encoding() {
    return encoding;
  }

  /** The most physical lines an unterminated quote can spoil (a quoted field's line breaks join lines). */
  public int maxRecordLines() {
    return maxRecordLines;
  }

  /**
   * Whether files in {@code charset} can be cut into lines and fields byte-wise, as Spark's text source and silver
   * do: line breaks, commas and quotes must be the single ASCII bytes they are in UTF-8 (not so in UTF-16/32).
   */
  public static boolean isSplittable(Charset charset) {
    return charset.canEncode() && Arrays.equals(SEPARATORS.getBytes(charset),
        SEPARATORS.getBytes(StandardCharsets.US_ASCII));
  }
}
