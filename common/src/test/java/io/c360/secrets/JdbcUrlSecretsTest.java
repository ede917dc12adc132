package io.c360.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;

class JdbcUrlSecretsTest {

  @Test
  void postgresPasswordsAreFoundAsWrittenAndDecoded() {
    String url = "jdbc:postgresql://db.example.com:5432/c360?user=c360&password=Pa%24%24w0rd&sslpassword=k3y&ssl=true";
    assertEquals(List.of("Pa%24%24w0rd", "Pa$$w0rd", "k3y"), JdbcUrlSecrets.values(url));
    assertEquals("jdbc:postgresql://db.example.com:5432/c360?user=c360&password=****&sslpassword=****&ssl=true",
        JdbcUrlSecrets.masked(url));
  }

  @Test
  void sqlServerPasswordsIncludingBracedValuesAreFound() {
    String url = "jdbc:sqlserver://c360.database.windows.net:1433;databaseName=c360;user=c360;"
        + "password={se;cr}}et};trustStorePassword=ts1;encrypt=true";
    assertEquals(List.of("{se;cr}}et}", "se;cr}et", "ts1"), JdbcUrlSecrets.values(url));
    assertEquals("jdbc:sqlserver://c360.database.windows.net:1433;databaseName=c360;user=c360;password=****;"
        + "trustStorePassword=****;encrypt=true", JdbcUrlSecrets.masked(url));
  }

  @Test
  void propertyNamesAreMatchedWhateverTheirCaseAndOthersAreLeftAlone() {
    String url = "jdbc:sqlserver://h;PASSWORD=x1;aadSecurePrincipalSecret=x2;accessToken=x3;user=passwordless";
    assertEquals(List.of("x1", "x2", "x3"), JdbcUrlSecrets.values(url));
    assertEquals("jdbc:sqlserver://h;PASSWORD=****;aadSecurePrincipalSecret=****;accessToken=****;user=passwordless",
        JdbcUrlSecrets.masked(url));
  }

  @Test
  void aUrlWithoutSecretsIsUnchanged() {
    String url = "jdbc:postgresql://localhost/c360?user=c360&password=";
    assertEquals(List.of(), JdbcUrlSecrets.values(url));
    assertEquals(url, JdbcUrlSecrets.masked(url));
    assertEquals(List.of(), JdbcUrlSecrets.values(""));
  }

  @Test
  void registeredValuesAreScrubbedFromAnyText() {
    JdbcUrlSecrets.register("jdbc:postgresql://h/db?password=Zq9%2Fxx-planted");
    String message = Redaction.scrub("connection to jdbc:postgresql://h/db?password=Zq9%2Fxx-planted failed; "
        + "driver said: password 'Zq9/xx-planted' rejected");
    assertFalse(message.contains("Zq9"), message);
  }
}
