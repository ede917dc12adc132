package io.c360.silver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReasonTest {

  @Test
  void codesAreTheOnesTheQuarantineStores() {
    assertEquals("MALFORMED", Reason.MALFORMED.code());
    assertEquals("BAD_VALUE:Amount", Reason.badValue("Amount").code());
    assertEquals("NULL_KEY", Reason.NULL_KEY.code());
    assertEquals("ORPHAN:CustomerID", Reason.orphan("CustomerID").code());
    assertEquals("EXPECTATION:amount-non-negative", Reason.expectation("amount-non-negative").code());
  }

  @Test
  void parseReadsEveryCodeBack() {
    for (Reason reason : List.of(Reason.MALFORMED, Reason.badValue("Price"), Reason.NULL_KEY,
        Reason.orphan("StoreID"), Reason.expectation("a:b"))) {
      assertEquals(reason, Reason.parse(reason.code()));
    }
    assertEquals(Optional.of("a:b"), Reason.parse("EXPECTATION:a:b").detail());
    assertEquals(Reason.Kind.ORPHAN, Reason.parse("ORPHAN:AgentID").kind());
  }

  @Test
  void parseRefusesWhatIsNoReason() {
    for (String code : List.of("", "ORPHAN", "ORPHAN:", "NULL_KEY:x", "orphan:CustomerID", "LATE:x")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Reason.parse(code), code);
      assertTrue(e.getMessage().contains("'" + code + "'"), e.getMessage());
    }
  }

  @Test
  void familiesKeepTheJudgingOrderAndMatchTheirCodes() {
    assertEquals(List.of(Reason.Kind.MALFORMED, Reason.Kind.BAD_VALUE, Reason.Kind.NULL_KEY, Reason.Kind.ORPHAN,
        Reason.Kind.EXPECTATION), List.of(Reason.Kind.values()));
    assertTrue(Reason.Kind.ORPHAN.matches("ORPHAN:CustomerID"));
    assertFalse(Reason.Kind.ORPHAN.matches("BAD_VALUE:CustomerID"));
    assertFalse(Reason.Kind.ORPHAN.matches(null));
    assertTrue(Reason.Kind.NULL_KEY.matches("NULL_KEY"));
    assertFalse(Reason.Kind.MALFORMED.matches("MALFORMEDX"));
    assertEquals("ORPHAN:", Reason.Kind.ORPHAN.prefix());
    assertEquals("MALFORMED", Reason.Kind.MALFORMED.prefix());
    assertEquals(Optional.of(Reason.Kind.BAD_VALUE), Reason.Kind.find(" bad_value "));
    assertEquals(Optional.empty(), Reason.Kind.find("LATE"));
  }
}
