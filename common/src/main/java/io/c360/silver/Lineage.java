package io.c360.silver;

import java.util.List;

/**
 * The lineage columns every silver table carries after its catalog columns: the run whose arrival order the
 * row has, its bronze file (relative to {@code bronze/}) and its line in that file. Together they order all
 * versions of a key (DESIGN §4 step 5); they are not published.
 */
public final class Lineage {
  public static final String RUN_ID = "_run_id";
  public static final String SOURCE_FILE = "_source_file";
  public static final String SOURCE_LINE = "_source_line";
  public static final List<String> COLUMNS = List.of(RUN_ID, SOURCE_FILE, SOURCE_LINE);

  private Lineage() {
  }
}
