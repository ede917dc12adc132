package io.c360.gold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.c360.catalog.Catalog;
import io.c360.catalog.Table;
import io.c360.lake.SparkTestBase;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.catalyst.analysis.UnresolvedRelation;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.SubqueryAlias;
import org.apache.spark.sql.catalyst.plans.logical.UnresolvedWith;
import org.junit.jupiter.api.Test;

/** The declarations of GoldQuery against the SQL they describe. */
class GoldQueryTest extends SparkTestBase {

  /** The silver tables, states and gold tables the parsed SQL of {@code table} reads (CTE names are not). */
  private static Set<String> parsedReads(String table) throws Exception {
    LogicalPlan plan = spark.sessionState().sqlParser()
        .parsePlan(GoldQuery.sql(table, Map.of("percentile_accuracy", 100L)));
    Set<String> names = new LinkedHashSet<>();
    Catalog.tables().forEach(t -> names.add(t.name()));
    names.addAll(GoldQuery.maintained());
    Set<String> read = new java.util.TreeSet<>();
    collectReads(plan, names, read);
    return read;
  }

  /** The relations {@code plan} reads, also inside its WITH clauses (which are not children of the plan). */
  private static void collectReads(LogicalPlan plan, Set<String> names, Set<String> read) {
    if (plan instanceof UnresolvedRelation && names.contains(((UnresolvedRelation) plan).tableName())) {
      read.add(((UnresolvedRelation) plan).tableName());
    }
    if (plan instanceof UnresolvedWith) {
      for (scala.Tuple2<String, SubqueryAlias> cte
          : scala.collection.JavaConverters.seqAsJavaList(((UnresolvedWith) plan).cteRelations())) {
        collectReads(cte._2(), names, read);
      }
    }
    for (LogicalPlan child : scala.collection.JavaConverters.seqAsJavaList(plan.children())) {
      collectReads(child, names, read);
    }
  }

  @Test
  void eachQueryReadsExactlyWhatIsDeclared() throws Exception {
    for (String table : GoldQuery.maintained()) {
      assertEquals(parsedReads(table), new java.util.TreeSet<>(GoldQuery.reads(table)), table);
    }
  }

  @Test
  void silverInputsFollowStatesAndGoldQueries() {
    assertEquals(Set.of("InStoreTransactions", "OnlineTransactions", "Products", "Stores"),
        Set.copyOf(GoldQuery.silverInputs(GoldQuery.AVERAGE_ORDER_VALUE)));
    assertEquals(Set.of("Customers", "OnlineTransactions", "InStoreTransactions", "LoyaltyAccounts",
        "LoyaltyTransactions", "CustomerServiceInteractions", "Stores"),
        Set.copyOf(GoldQuery.silverInputs(GoldQuery.CUSTOMER_PROFILE)));
  }

  @Test
  void statesComeBeforeTheTablesAndEachReadComesBeforeItsReader() {
    List<String> order = GoldQuery.maintained();
    assertEquals(GoldQuery.STATES, order.subList(0, GoldQuery.STATES.size()));
    for (String table : order) {
      for (String read : GoldQuery.reads(table)) {
        if (order.contains(read)) {
          assertEquals(true, order.indexOf(read) < order.indexOf(table), read + " before " + table);
        }
      }
    }
  }

  @Test
  void scopedTablesAreThoseWithTheScopesColumn() {
    List<String> customer = new ArrayList<>();
    GoldQuery.scoped(GoldQuery.Scope.CUSTOMER).forEach(t -> customer.add(t.name()));
    assertEquals(List.of("Customers", "OnlineTransactions", "InStoreTransactions", "CustomerServiceInteractions",
        "LoyaltyAccounts"), customer);
    assertEquals(List.of(Catalog.AGENTS, Catalog.CUSTOMER_SERVICE_INTERACTIONS),
        GoldQuery.scoped(GoldQuery.Scope.AGENT));
    assertEquals(List.<Table>of(), GoldQuery.scoped(GoldQuery.Scope.WHOLE));
  }

  @Test
  void aScopesPopulationIsTheSilverTableKeyedByItsColumn() {
    assertEquals("Customers", GoldQuery.population(GoldQuery.Scope.CUSTOMER).name());
    assertEquals("Agents", GoldQuery.population(GoldQuery.Scope.AGENT).name());
    assertThrows(IllegalArgumentException.class, () -> GoldQuery.population(GoldQuery.Scope.WHOLE));
  }

  @Test
  void anUnknownNameIsRefusedNamingTheKnownOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GoldQuery.key("Sales"));
    assertEquals(true, e.getMessage().contains("AverageOrderValue") && e.getMessage().contains("HomeStore"),
        e.getMessage());
  }
}
