package io.c360.silver;

/**
 * What a bronze file's name alone says, before the file is read: whether Spark and Hadoop can read a file of
 * that name at all. Such a file is refused alone, with a message that tells the user to rename it, and the other
 * files proceed (DESIGN §4 step 1).
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
}
