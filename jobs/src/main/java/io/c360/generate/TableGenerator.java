package io.c360.generate;

import io.c360.catalog.Column;
import io.c360.catalog.ColumnType;
import io.c360.catalog.ForeignKey;
import io.c360.catalog.Table;
import io.c360.silver.Reason;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes one table's bronze files row by row, injecting the planned defects, and counts what silver must
 * make of every line: the reason it is rejected (its own defect, else the first foreign key whose parent
 * was not accepted), or accepted. Accepted keys of parent tables are kept as bits for the children.
 */
final class TableGenerator {
  private static final String[][] BAD_VALUES = {
      {"12x", "99999999999", "1.5"},
      {"abc", "12.345", "123456789"},
      {"2025-13-01", "2025-02-30", "2025-3-1", "03/01/2025"},
      {"2025-02-30 10:00:00", "2025-3-1 10:00:00", "2025-03-01T10:00:00", "2025-03-01 25:00:00"}};

  private final Table table;
  private final CleanRows rows;
  private final DefectPlan plan;
  private final Sizes sizes;
  private final long seed;
  private final Map<String, BitSet> acceptedKeys;
  private final Path out;
  private final int id;
  private final TableCounts counts = new TableCounts();
  private final BitSet accepted = new BitSet();
  private final List<String[]> carried = new ArrayList<>();

  TableGenerator(Table table, CleanRows rows, DefectPlan plan, Sizes sizes, long seed,
      Map<String, BitSet> acceptedKeys, Path out) {
    this.table = table;
    this.rows = rows;
    this.plan = plan;
    this.sizes = sizes;
    this.seed = seed;
    this.acceptedKeys = acceptedKeys;
    this.out = out;
    this.id = CleanRows.tableId(table);
  }

  TableCounts write() throws IOException {
    long total = sizes.rows(table);
    if (!Sizes.monthly(table)) {
      writeFile(out.resolve(table.bronzeFileName()), 0, total, plan.dirty() && id == 1);
    } else {
      Files.createDirectories(out.resolve(table.name()));
      for (int m = 0; m < Sizes.MONTHS; m++) {
        long from = (total * m + Sizes.MONTHS - 1) / Sizes.MONTHS;
        long to = (total * (m + 1) + Sizes.MONTHS - 1) / Sizes.MONTHS;
        String name = String.format(Locale.ROOT, "2025-%02d-01.csv", m + 1);
        writeFile(out.resolve(table.name()).resolve(name), from, to, plan.dirty() && m == 0 && id == 4);
      }
    }
    acceptedKeys.put(table.name(), accepted);
    return counts;
  }

  private void writeFile(Path file, long from, long to, boolean crlf) throws IOException {
    counts.files++;
    String eol = crlf ? "\r\n" : "\n";
    try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8),
        1 << 20)) {
      if (plan.dirty() && id == 0) {
        w.write('\uFEFF');
      }
      w.write(String.join(",", table.columnNames()));
      w.write(eol);
      // Copies of keys from the previous file: they arrive later, so they win.
      for (String[] copy : carried) {
        emit(w, eol, copy);
      }
      carried.clear();
      for (long row = from; row < to; row++) {
        writeRow(w, eol, row, to == sizes.rows(table));
        if (plan.dirty() && (row == 2 || Hash.unit(seed, id, row, 200) < 0.003)) {
          w.write(row % 2 == 0 ? eol : "   " + eol);
        }
      }
    }
  }

  private void writeRow(Writer w, String eol, long row, boolean lastFile) throws IOException {
    String[] f = rows.fields(table, row);
    Defect defect = plan.defect(table, row);
    int n = f.length;
    switch (defect) {
      case NONE:
        emit(w, eol, f);
        return;
      case MALFORMED_FEW:
        reject(w, eol, line(java.util.Arrays.copyOf(f, n - 1)), Reason.MALFORMED);
        return;
      case MALFORMED_MANY:
        reject(w, eol, line(f) + ",extra", Reason.MALFORMED);
        return;
      case MALFORMED_QUOTE:
        reject(w, eol, line(java.util.Arrays.copyOf(f, n - 1)) + ",\"" + f[n - 1].replace("\"", "") + "\"x",
            Reason.MALFORMED);
        return;
      case NORMALISE: {
        int c = pickColumn(row, categorical());
        f[c] = "  " + oddCase(f[c]) + " ";
        emit(w, eol, f);
        return;
      }
      case EMPTY_OPTIONAL:
        f[pickColumn(row, DefectPlan.optionalColumns(table))] = "";
        emit(w, eol, f);
        return;
      case BAD_VALUE: {
        int c = Hash.below(seed, id, row, 300, n);
        f[c] = badValue(table.columns().get(c), row);
        reject(w, eol, line(f), Reason.badValue(table.columns().get(c).name()));
        return;
      }
      case NULL_KEY:
        f[table.columnIndex(table.primaryKey().get(Hash.below(seed, id, row, 301, table.primaryKey().size())))] = "";
        emit(w, eol, f);
        return;
      case NULL_FK:
        f[table.columnIndex(pickForeignKey(row).column())] = "";
        emit(w, eol, f);
        return;
      case ORPHAN: {
        ForeignKey fk = pickForeignKey(row);
        long missing = sizes.rows(io.c360.catalog.Catalog.table(fk.parentTable())) + 1000 + row % 100000;
        f[table.columnIndex(fk.column())] = Long.toString(missing);
        emit(w, eol, f);
        return;
      }
      case WARN_NEGATIVE: {
        int c = table.columns().indexOf(DefectPlan.moneyColumn(table));
        f[c] = f[c].equals("0") ? "-1" : "-" + f[c];
        emit(w, eol, f);
        return;
      }
      case WARN_DOMAIN:
        f[pickColumn(row, categorical())] = "Unlisted";
        emit(w, eol, f);
        return;
      case DUPLICATE: {
        emit(w, eol, f);
        String[] copy = f.clone();
        String[] other = rows.fields(table, (row + 7) % sizes.rows(table));
        for (Column c : DefectPlan.optionalColumns(table)) {
          copy[table.columns().indexOf(c)] = other[table.columns().indexOf(c)];
        }
        if (Sizes.monthly(table) && !lastFile && Hash.unit(seed, id, row, 302) < 0.5) {
          carried.add(copy);
        } else {
          emit(w, eol, copy);
        }
        return;
      }
      case DUPLICATE_REJECTED: {
        emit(w, eol, f);
        List<Column> optional = DefectPlan.optionalColumns(table);
        Column c = optional.get(Hash.below(seed, id, row, 303, optional.size()));
        String[] copy = f.clone();
        copy[table.columns().indexOf(c)] = badValue(c, row);
        reject(w, eol, line(copy), Reason.badValue(c.name()));
        return;
      }
      default:
        throw new IllegalStateException("unhandled defect " + defect);
    }
  }

  /** Writes a line whose own defect rejects it. */
  private void reject(Writer w, String eol, String line, Reason reason) throws IOException {
    w.write(line);
    w.write(eol);
    counts.rows++;
    counts.quarantined.merge(reason.code(), 1L, Long::sum);
  }

  /** Writes a well-formed row and counts what silver will make of it: NULL_KEY, ORPHAN or accepted. */
  private void emit(Writer w, String eol, String[] fields) throws IOException {
    w.write(line(fields));
    w.write(eol);
    counts.rows++;
    Reason reason = hasNullKey(fields) ? Reason.NULL_KEY : orphanReason(fields);
    if (reason != null) {
      counts.quarantined.merge(reason.code(), 1L, Long::sum);
      return;
    }
    counts.accepted++;
    countWarnings(fields);
    if (table.primaryKey().size() == 1) {
      int key = Integer.parseInt(fields[table.columnIndex(table.primaryKey().get(0))].strip());
      if (accepted.get(key)) {
        counts.duplicates++;
      }
      accepted.set(key);
    } else if (isCopy(fields)) {
      counts.duplicates++;
    }
  }

  private boolean hasNullKey(String[] fields) {
    for (String key : table.primaryKey()) {
      if (fields[table.columnIndex(key)].isBlank()) {
        return true;
      }
    }
    return false;
  }

  private final java.util.Set<String> compositeKeys = new java.util.HashSet<>();

  /** Composite keys (LoyaltyTransactions) repeat only through DUPLICATE copies; remember keys seen. */
  private boolean isCopy(String[] fields) {
    StringBuilder key = new StringBuilder();
    for (String k : table.primaryKey()) {
      key.append(fields[table.columnIndex(k)].strip()).append('|');
    }
    return !compositeKeys.add(key.toString());
  }

  private Reason orphanReason(String[] fields) {
    for (ForeignKey fk : table.foreignKeys()) {
      String value = fields[table.columnIndex(fk.column())].strip();
      if (value.isEmpty()) {
        continue;
      }
      long key = Long.parseLong(value);
      BitSet parent = acceptedKeys.get(fk.parentTable());
      if (key < 1 || key > Integer.MAX_VALUE || !parent.get((int) key)) {
        return Reason.orphan(fk.column());
      }
    }
    return null;
  }

  private void countWarnings(String[] fields) {
    Column money = DefectPlan.moneyColumn(table);
    if (money != null && fields[table.columns().indexOf(money)].strip().startsWith("-")) {
      counts.warnings.merge(money.name().equals("Price") ? "price-non-negative" : "amount-non-negative", 1L,
          Long::sum);
    }
    for (Column c : table.columns()) {
      String value = fields[table.columns().indexOf(c)].strip();
      if (c.isCategorical() && !value.isEmpty() && c.canonical(value).isEmpty()) {
        counts.warnings.merge(c.name() + "-in-domain", 1L, Long::sum);
      }
    }
  }

  private List<Column> categorical() {
    List<Column> columns = new ArrayList<>();
    table.columns().stream().filter(Column::isCategorical).forEach(columns::add);
    return columns;
  }

  private int pickColumn(long row, List<Column> candidates) {
    return table.columns().indexOf(candidates.get(Hash.below(seed, id, row, 304, candidates.size())));
  }

  private ForeignKey pickForeignKey(long row) {
    return table.foreignKeys().get(Hash.below(seed, id, row, 305, table.foreignKeys().size()));
  }

  private String badValue(Column column, long row) {
    ColumnType type = column.type();
    if (type.kind() == ColumnType.Kind.VARCHAR) {
      return "x".repeat(type.length() + 1);
    }
    String[] options = BAD_VALUES[type.kind().ordinal() == 0 ? 0 : type.kind() == ColumnType.Kind.DECIMAL ? 1
        : type.kind() == ColumnType.Kind.DATE ? 2 : 3];
    return options[Hash.below(seed, id, row, 306, options.length)];
  }

  private static String oddCase(String value) {
    StringBuilder s = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      s.append(i % 2 == 0 ? Character.toLowerCase(c) : Character.toUpperCase(c));
    }
    return s.toString();
  }

  /** A CSV line: a field with a comma or quote is quoted, quotes doubled. */
  static String line(String[] fields) {
    StringBuilder s = new StringBuilder(96);
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        s.append(',');
      }
      String f = fields[i];
      if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0) {
        s.append('"').append(f.replace("\"", "\"\"")).append('"');
      } else {
        s.append(f);
      }
    }
    return s.toString();
  }
}
