package io.c360.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.c360.catalog.Catalog;
import io.c360.catalog.Table;
import io.c360.ledger.FileCounts;
import io.c360.lake.LakeLayout;
import io.c360.publish.PublishResult;
import io.c360.silver.SilverResult;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.Path;

/**
 * What one run did, per table: rows read, re-admitted, upserted, duplicates and quarantined in silver (the same
 * counts the ledger records), rows published; plus gold row counts, warnings and errors. Printed as a table at the
 * end of a
 * run and written as JSON to {@code <lake>/_ledger/summaries/run-<id>.json}.
 */
final class RunSummary {
  private final long runId;
  private final Map<String, FileCounts> silver = new LinkedHashMap<>();
  private final Map<String, PublishResult> published = new LinkedHashMap<>();
  private final Map<String, Long> gold = new LinkedHashMap<>();
  private final List<String> errors = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private final long started = System.nanoTime();
  private String outcome = "RUNNING";

  RunSummary(long runId) {
    this.runId = runId;
  }

  long runId() {
    return runId;
  }

  void silver(SilverResult result) {
    silver.merge(result.table().name(), result.total(), FileCounts::plus);
  }

  void published(PublishResult result) {
    published.put(result.table(), result);
  }

  void gold(Map<String, Long> rows) {
    gold.putAll(rows);
  }

  void error(String message) {
    errors.add(message);
  }

  /** Something the user should act on that does not fail the run, e.g. a bronze file no table reads. */
  void warning(String message) {
    warnings.add(message);
  }

  void outcome(String value) {
    outcome = value;
  }

  double elapsedSeconds() {
    return (System.nanoTime() - started) / 1e9;
  }

  void print(PrintWriter out) {
    TextTable table = new TextTable("table", "read", "readmitted", "upserted", "duplicates", "quarantined",
        "published").right(1, 2, 3, 4, 5, 6);
    for (Table t : Catalog.tables()) {
      FileCounts c = silver.getOrDefault(t.name(), FileCounts.NONE);
      table.row(t.name(), c.read(), c.readmitted(), c.upserted(), c.duplicates(), c.quarantined(),
          publishedCell(t.name()));
    }
    for (Map.Entry<String, Long> g : gold.entrySet()) {
      table.row("gold." + g.getKey(), "", "", g.getValue(), "", "", publishedCell("gold." + g.getKey()));
    }
    table.print(out);
    for (String warning : warnings) {
      out.println("warning: " + warning);
    }
    for (String error : errors) {
      out.println("error: " + error);
    }
  }

  private String publishedCell(String table) {
    PublishResult r = published.get(table);
    if (r == null) {
      return "-";
    }
    return r.mode() == PublishResult.Mode.UNCHANGED ? "unchanged" : Long.toString(r.writtenRows());
  }

  /** Writes the JSON summary beside the ledger and returns its path. */
  String write(LakeLayout layout) {
    Path file = new Path(new Path(layout.ledger(), "summaries"), "run-" + runId + ".json");
    try (OutputStream stream = layout.fileSystem().create(file, true)) {
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(stream, toMap());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the run summary " + file + ": " + e.getMessage(), e);
    }
    // A local lake gives a plain path that a shell or a file manager can open.
    return "file".equals(file.toUri().getScheme()) ? file.toUri().getPath() : file.toString();
  }

  Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("run_id", runId);
    map.put("outcome", outcome);
    map.put("seconds", Math.round(elapsedSeconds() * 10) / 10.0);
    List<Map<String, Object>> tables = new ArrayList<>();
    for (Table t : Catalog.tables()) {
      FileCounts c = silver.getOrDefault(t.name(), FileCounts.NONE);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("table", t.name());
      row.put("read", c.read());
      row.put("readmitted", c.readmitted());
      row.put("upserted", c.upserted());
      row.put("duplicates", c.duplicates());
      row.put("quarantined", c.quarantined());
      putPublished(row, t.name());
      tables.add(row);
    }
    map.put("silver", tables);
    List<Map<String, Object>> goldRows = new ArrayList<>();
    for (Map.Entry<String, Long> g : gold.entrySet()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("table", g.getKey());
      row.put("rows", g.getValue());
      putPublished(row, "gold." + g.getKey());
      goldRows.add(row);
    }
    map.put("gold", goldRows);
    map.put("warnings", warnings);
    map.put("errors", errors);
    return map;
  }

  private void putPublished(Map<String, Object> row, String table) {
    PublishResult r = published.get(table);
    row.put("published", r == null ? null : r.writtenRows());
    row.put("publish_mode", r == null ? null : r.mode().name().toLowerCase(Locale.ROOT));
  }
}
