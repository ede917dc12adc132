package io.c360.silver;

import io.c360.catalog.Catalog;
import io.c360.catalog.Table;
import java.util.Locale;
import java.util.Set;

/**
 * What a bronze file's name alone says, before the file is read: whether Spark and Hadoop can read a file of
 * that name at all (if not, it is refused alone with a message that tells the user to rename it, and the other
 * files proceed), and whether any table reads it (if not, it is reported as unknown, with the table it may have
 * meant), so that every file under {@code bronze/} is accounted for (DESIGN §4 step 1).
 */
final class BronzeNames {

  private BronzeNames() {
  }

  /** Why the file at {@code relativePath} (relative to {@code bronze/}) cannot be read by its name, or null. */
  static String problem(String relativePath) {
    if (relativePath.indexOf(':') >= 0) {
      // Hadoop reads "2025:04.csv" as a URI with scheme "2025"; the local file system's ".2025:04.csv.crc"
      // checksum sibling fails the same way, so such a file cannot even be opened.
      return "bronze file " + relativePath + ": file name contains ':', which Hadoop paths cannot hold; "
          + "rename the file";
    }
    String name = relativePath.substring(relativePath.lastIndexOf('/') + 1);
    if (name.startsWith("_") || name.startsWith(".")) {
      // Spark's file index drops such names (it would record the file as read, with 0 rows); parent folders
      // starting with '_' or '.' are read normally when the files are named one by one, as silver does.
      return "bronze file " + relativePath + ": names starting with '_' or '.' are hidden from Spark's readers; "
          + "rename the file";
    }
    return null;
  }

  /** What {@code c360 generate} writes beside the tables' files; no table reads it and it needs no message. */
  static final String GENERATOR_MANIFEST = "manifest.json";

  /**
   * Whether no catalog table reads the file at {@code relativePath}: tables read {@code <Table>.csv} at the top of
   * {@code bronze/} and {@code *.csv} at any depth below {@code <Table>/} (names exact, extension in any case).
   * The generator's manifest and the local file system's {@code .<name>.crc} checksum beside a file of
   * {@code present} (every relative path under {@code bronze/}) belong to what they describe.
   */
  static boolean unclaimed(String relativePath, Set<String> present) {
    int slash = relativePath.indexOf('/');
    String name = relativePath.substring(relativePath.lastIndexOf('/') + 1);
    if (slash < 0) {
      if (relativePath.equals(GENERATOR_MANIFEST)
          || Catalog.tables().stream().anyMatch(t -> t.bronzeFileName().equals(relativePath))) {
        return false;
      }
    } else if (table(relativePath.substring(0, slash)) != null && name.toLowerCase(Locale.ROOT).endsWith(".csv")) {
      return false;
    }
    if (name.startsWith(".") && name.endsWith(".crc")) {
      String folder = relativePath.substring(0, relativePath.length() - name.length());
      return !present.contains(folder + name.substring(1, name.length() - ".crc".length()));
    }
    return true;
  }

  /** The ledger message of a file no table reads: what the tables read, and the table it may have meant. */
  static String unknown(String relativePath) {
    int slash = relativePath.indexOf('/');
    String first = slash < 0 ? relativePath.replaceFirst("(?i)\\.csv$", "") : relativePath.substring(0, slash);
    Table exact = slash < 0 ? null : table(first);
    if (exact != null) {
      return "bronze file " + relativePath + " matches no table: only *.csv files under bronze/" + exact.name()
          + "/ are read";
    }
    String message = "bronze file " + relativePath + " matches no table: expected bronze/<Table>.csv or "
        + "bronze/<Table>/*.csv";
    Table meant = meant(first);
    return meant == null ? message : message + "; did you mean " + meant.name() + "?";
  }

  private static Table table(String name) {
    return Catalog.tables().stream().filter(t -> t.name().equals(name)).findFirst().orElse(null);
  }

  /** The table whose name equals {@code name} but for case or a trailing 's' (Customer, customers), or null. */
  private static Table meant(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (Table t : Catalog.tables()) {
      String table = t.name().toLowerCase(Locale.ROOT);
      if (table.equals(lower) || table.equals(lower + "s") || (table + "s").equals(lower)) {
        return t;
      }
    }
    return null;
  }
}
