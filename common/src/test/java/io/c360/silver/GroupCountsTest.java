package io.c360.silver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.c360.lake.SparkTestBase;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class GroupCountsTest extends SparkTestBase {

  @Test
  void countsRowsAndTrueFlagsPerGroupAcrossPartitions() {
    StructType schema = new StructType().add("file", DataTypes.StringType).add("flag", DataTypes.BooleanType);
    List<Row> rows = List.of(RowFactory.create("a", true), RowFactory.create("a", false),
        RowFactory.create("a", null), RowFactory.create("b", true), RowFactory.create(null, true));
    Map<List<Object>, long[]> counts = GroupCounts.of(spark.createDataFrame(rows, schema).repartition(3), 1);
    assertEquals(3, counts.size());
    assertArrayEquals(new long[] {3, 1}, counts.get(java.util.Arrays.asList("a")));
    assertArrayEquals(new long[] {1, 1}, counts.get(java.util.Arrays.asList("b")));
    assertArrayEquals(new long[] {1, 1}, counts.get(java.util.Arrays.asList((Object) null)));
  }
}
