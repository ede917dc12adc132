package io.c360.silver;

import static org.apache.spark.sql.functions.col;

import io.c360.lake.LakeLayout;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.FileSourceScanExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.datasources.FilePartition;
import org.apache.spark.sql.execution.datasources.FileScanRDD;
import org.apache.spark.sql.execution.datasources.PartitionedFile;
import org.apache.spark.util.SerializableConfiguration;

/**
 * Reads new bronze file versions into {@link Candidates}, one per RFC 4180 record, with exact line numbers
 * (DESIGN §4 step 2). Spark's file {@code _metadata} (what Unity Catalog allows, unlike {@code input_file_name()})
 * gives each line's file and split start. Lines of a file's first split are numbered from the top; only when
 * Spark cuts a file into several splits does one extra pass summarise each split (its lines, and the records it
 * leaves open), so later splits know where they begin and which of their first lines finish an earlier record.
 */
final class BronzeReader {
  private static final String FILE = "_file";
  private static final String SPLIT = "_split_start";
  /** What Hadoop's glob syntax gives a meaning to; each is escaped with a backslash to stand for itself. */
  private static final String GLOB_CHARACTERS = "\\*?[]{},";

  private final SparkSession spark;
  private final String bronzePath;
  private final RecordParser parser;
  private final BronzeFormat format;

  BronzeReader(SparkSession spark, LakeLayout layout, RecordParser parser, BronzeFormat format) {
    this.spark = spark;
    this.bronzePath = layout.bronze().toUri().getPath();
    this.parser = parser;
    this.format = format;
  }

  /** The records of {@code files} (header and blank lines are not rows), parsed, in arrival order {@code runId}. */
  Dataset<Row> read(List<BronzeFile> files, long lineageRunId) {
    Map<String, String> sha256ByFile = new HashMap<>();
    files.forEach(f -> sha256ByFile.put(f.relativePath(), f.sha256()));
    String[] paths = files.stream().map(f -> literal(f.path().toString())).toArray(String[]::new);
    // The text source keeps each line's bytes as read; cast to binary they reach BronzeLines undecoded.
    Dataset<Row> lines = spark.read().text(paths)
        .select(col("value").cast("binary"), col("_metadata.file_path").as(FILE),
            col("_metadata.file_block_start").as(SPLIT));
    Map<String, List<Long>> splits = plannedSplits(lines);
    boolean singleSplits = splits != null && splits.values().stream().allMatch(s -> s.size() == 1 && s.get(0) == 0);
    Map<String, SplitPlan> plans = singleSplits ? wholeFiles(splits) : summarisedSplits(lines);
    SerializableConfiguration hadoopConf = new SerializableConfiguration(spark.sessionState().newHadoopConf());
    return lines.mapPartitions(new BronzeLines(parser, format, bronzePath, lineageRunId, sha256ByFile, plans,
        hadoopConf), Encoders.row(Candidates.schema(parser.table())));
  }

  /**
   * {@code path} as a glob pattern that matches only itself: Spark reads every path as a glob, so a file named
   * {@code 2025-04-01[1].csv} would be looked for as {@code 2025-04-011.csv}. (Spark's {@code __globPaths__=false}
   * is no way out: in Spark 3.5 it makes every glob-looking path stand for all the paths of the read, so files are
   * read several times.)
   */
  static String literal(String path) {
    StringBuilder escaped = new StringBuilder(path.length() + 8);
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (GLOB_CHARACTERS.indexOf(c) >= 0) {
        escaped.append('\\');
      }
      escaped.append(c);
    }
    return escaped.toString();
  }

  /** Split starts per file as Spark plans the read, or {@code null} if the plan has no file scan to ask. */
  private Map<String, List<Long>> plannedSplits(Dataset<Row> lines) {
    Map<String, List<Long>> starts = new TreeMap<>();
    boolean scanned = false;
    scala.collection.Iterator<SparkPlan> leaves = lines.queryExecution().sparkPlan().collectLeaves().iterator();
    while (leaves.hasNext()) {
      SparkPlan leaf = leaves.next();
      RDD<?> rdd = leaf instanceof FileSourceScanExec ? ((FileSourceScanExec) leaf).inputRDD() : null;
      if (!(rdd instanceof FileScanRDD)) {
        continue;
      }
      scanned = true;
      scala.collection.Iterator<FilePartition> partitions = ((FileScanRDD) rdd).filePartitions().iterator();
      while (partitions.hasNext()) {
        for (PartitionedFile file : partitions.next().files()) {
          starts.computeIfAbsent(BronzeLines.relativeFile(bronzePath, file.urlEncodedPath()), f -> new ArrayList<>())
              .add(file.start());
        }
      }
    }
    return scanned ? starts : null;
  }

  private static Map<String, SplitPlan> wholeFiles(Map<String, List<Long>> splits) {
    Map<String, SplitPlan> plans = new HashMap<>();
    splits.keySet().forEach(file -> plans.put(BronzeLines.split(file, 0), SplitPlan.WHOLE_FILE));
    return plans;
  }

  /**
   * One pass summarising every split ({@link SplitSummaries}), then each file's splits chained in order: a split's
   * lines before are those of the earlier ones, and what they leave open is what it finishes.
   */
  private Map<String, SplitPlan> summarisedSplits(Dataset<Row> lines) {
    Map<String, TreeMap<Long, Row>> summaries = new TreeMap<>();
    for (Row split : lines.mapPartitions(new SplitSummaries(format), Encoders.row(SplitSummaries.SCHEMA))
        .collectAsList()) {
      summaries.computeIfAbsent(BronzeLines.relativeFile(bronzePath, split.getString(0)), f -> new TreeMap<>())
          .put(split.getLong(1), split);
    }
    Map<String, SplitPlan> plans = new HashMap<>();
    summaries.forEach((file, splits) -> {
      long before = 0;
      int open = 0;
      for (Map.Entry<Long, Row> split : splits.entrySet()) {
        Long next = splits.higherKey(split.getKey());
        plans.put(BronzeLines.split(file, split.getKey()), new SplitPlan(before, open, next == null ? -1 : next));
        before += split.getValue().getLong(2);
        open = SplitSummaries.exits(split.getValue())[open];
      }
    });
    return plans;
  }
}
