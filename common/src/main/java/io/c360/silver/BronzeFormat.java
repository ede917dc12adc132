package io.c360.silver;

import io.c360.config.BronzeSettings;
import java.io.Serializable;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** How silver reads bronze text ({@code c360.bronze}): the files' charset and the longest record in lines. */
public final class BronzeFormat implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final BronzeFormat DEFAULT = new BronzeFormat(StandardCharsets.UTF_8.name(), 32);

  private final String encoding;
  private final int maxRecordLines;

  /** {@code encoding} must be a charset silver can split byte-wise ({@link BronzeSettings#isSplittable}). */
  public BronzeFormat(String encoding, int maxRecordLines) {
    if (maxRecordLines < 1) {
      throw new IllegalArgumentException("a bronze record needs at least 1 line, got max-record-lines "
          + maxRecordLines);
    }
    Charset charset = Charset.forName(encoding);
    if (!BronzeSettings.isSplittable(charset)) {
      throw new IllegalArgumentException("bronze encoding " + encoding + " cannot be split into lines and fields "
          + "byte-wise: line breaks, ',' and '\"' must be single ASCII bytes");
    }
    this.encoding = charset.name();
    this.maxRecordLines = maxRecordLines;
  }

  public static BronzeFormat of(BronzeSettings settings) {
    return new BronzeFormat(settings.encoding(), settings.maxRecordLines());
  }

  /** {@code c360.bronze.max-record-lines}. */
  public int maxRecordLines() {
    return maxRecordLines;
  }

  public String encoding() {
    return encoding;
  }

  /** A new decoder for this charset; one per thread. */
  LineDecoder decoder() {
    return new LineDecoder(Charset.forName(encoding));
  }

  @Override
  public String toString() {
    return encoding + ", records of at most " + maxRecordLines + " lines";
  }
}
