package io.c360.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The parts of rendering that need no lake: what may sit inside a script element, and number formats. */
class ReportRendererTest {

  @Test
  void dataCannotCloseItsScriptElementOrOpenAComment() {
    String json = "{\"label\":\"</script><script>alert(1)</script><!--\"}";
    String escaped = ReportRenderer.escapeForScript(json);
    assertFalse(escaped.contains("<"), escaped);
    assertEquals("{\"label\":\"\\u003c/script>\\u003cscript>alert(1)\\u003c/script>\\u003c!--\"}", escaped);
  }

  @Test
  void inlinedScriptCannotCloseItsElement() {
    assertEquals("var s = '<\\/script>', t = /<\\/SCRIPT/;", ReportRenderer.inlineScript("var s = '</script>', t = /</SCRIPT/;"));
  }

  @Test
  void echartsComesFromItsWebJarAndIsInlined() {
    ReportRenderer renderer = ReportRenderer.create();
    assertTrue(renderer.echartsVersion().matches("\\d+\\.\\d+\\.\\d+"), renderer.echartsVersion());
  }

  @Test
  void numbersUseGroupingAndCentsWhateverTheLocale() {
    java.util.Locale previous = java.util.Locale.getDefault();
    java.util.Locale.setDefault(java.util.Locale.GERMANY);
    try {
      assertEquals("1,234,567", ReportRenderer.integer(1_234_567));
      assertEquals("1,234.50", ReportRenderer.money(new java.math.BigDecimal("1234.5")));
    } finally {
      java.util.Locale.setDefault(previous);
    }
  }
}
