package io.c360.silver;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;

/**
 * Decodes one bronze line's bytes strictly (DESIGN §4 step 2): bytes invalid in the charset are never silently
 * turned into U+FFFD as Spark's text source would. Not thread-safe: one per partition.
 */
final class LineDecoder {
  /** Stands for undecodable bytes in the text that is parsed: {@link StrictValues} refuses NUL in every type. */
  static final char INVALID = '\u0000';

  private final CharsetDecoder strict;
  private final CharsetDecoder marking;
  private final CharsetDecoder replacing;

  LineDecoder(Charset charset) {
    this.strict = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    this.marking = charset.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE).replaceWith(String.valueOf(INVALID));
    this.replacing = charset.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE);
  }

  /** A decoded line: the text to parse and the raw text to keep in quarantine. */
  static final class Line {
    private final String text;
    private final String raw;

    Line(String text, String raw) {
      this.text = text;
      this.raw = raw;
    }

    /** The line with each undecodable byte sequence as {@link #INVALID}, so the field holding it is a bad value. */
    String text() {
      return text;
    }

    /** The line as a person reads it: undecodable bytes as U+FFFD. */
    String raw() {
      return raw;
    }

    boolean valid() {
      return text == raw;
    }
  }

  Line decode(byte[] bytes) {
    try {
      String text = decode(strict, bytes);
      return new Line(text, text);
    } catch (CharacterCodingException e) {
      try {
        return new Line(decode(marking, bytes), decode(replacing, bytes));
      } catch (CharacterCodingException impossible) {
        throw new IllegalStateException("a replacing decoder reported an error", impossible);
      }
    }
  }

  private static String decode(CharsetDecoder decoder, byte[] bytes) throws CharacterCodingException {
    CharBuffer chars = decoder.reset().decode(ByteBuffer.wrap(bytes));
    return chars.toString();
  }
}
