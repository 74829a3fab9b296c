package dev.tributary.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.api.v1alpha1.KafkaConnectorSpec;
import dev.tributary.api.v1alpha1.SourceBacklog;
import java.util.List;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class SourceBacklogsTest {

  @Test
  void mirrorMakersSourceIsReadFromItsReplicationConsumersOwnMBeans() throws Exception {
    KafkaConnectorSpec spec = spec(SourceBacklogs.MIRROR_SOURCE_CLASS, null);

    var query = SourceBacklogs.of(spec, "east-to-west").orElseThrow();

    assertThat(query.attribute()).isEqualTo("records-lag");
    ObjectName pattern = new ObjectName(query.forTask(3));
    assertThat(
            pattern.apply(
                new ObjectName(
                    "kafka.consumer:type=consumer-fetch-manager-metrics,client-id="
                        + ObjectName.quote("east->west|east-to-west-3|replication-consumer")
                        + ",topic=orders,partition=7")))
        .isTrue();
    // Another task's, or another MirrorMaker connector's whose name starts the same, are not.
    for (String other : List.of("east-to-west-13", "east-to-west-b-3")) {
      assertThat(
              pattern.apply(
                  new ObjectName(
                      "kafka.consumer:type=consumer-fetch-manager-metrics,client-id="
                          + ObjectName.quote("east->west|" + other + "|replication-consumer")
                          + ",topic=orders,partition=7")))
          .as(other)
          .isFalse();
    }
  }

  @Test
  void aNameWithWildcardCharactersMatchesOnlyItself() throws Exception {
    SourceBacklog backlog = backlog("app:type=lag,connector=\"${connector}\",*", "records");

    var query = SourceBacklogs.of(spec("com.example.Source", backlog), "orders*").orElseThrow();

    ObjectName pattern = new ObjectName(query.forTask(0));
    assertThat(pattern.apply(new ObjectName("app:type=lag,connector=\"orders\\*\",shard=1")))
        .isTrue();
    assertThat(pattern.apply(new ObjectName("app:type=lag,connector=\"orders-eu\",shard=1")))
        .isFalse();
  }

  @Test
  void aConnectorWithoutOneHasNoBacklogToRead() {
    assertThat(SourceBacklogs.of(spec("com.example.Source", null), "x")).isEmpty();
  }

  @Test
  void aPatternThatIsNotAnObjectNameIsRefusedNamingTheFieldAndAnExample() {
    KafkaConnectorSpec spec = spec("com.example.Source", backlog("app:type=lag,,", "records"));
    spec.clusterRef = new dev.tributary.api.v1alpha1.ClusterRef();
    spec.clusterRef.name = "c";

    List<String> problems = ConnectorSpecValidation.problems(spec);

    assertThat(problems)
        .singleElement()
        .asString()
        .startsWith("spec.sourceBacklog.mbean 'app:type=lag,,' is not a JMX ObjectName pattern")
        .contains("e.g. kafka.consumer:type=consumer-fetch-manager-metrics");
    assertThat(SourceBacklogs.problem(backlog("app:type=lag", " ")))
        .hasValueSatisfying(p -> assertThat(p).startsWith("spec.sourceBacklog.attribute"));
  }

  private static KafkaConnectorSpec spec(String connectorClass, SourceBacklog backlog) {
    KafkaConnectorSpec spec = new KafkaConnectorSpec();
    spec.connectorClass = connectorClass;
    spec.sourceBacklog = backlog;
    return spec;
  }

  private static SourceBacklog backlog(String mbean, String attribute) {
    SourceBacklog backlog = new SourceBacklog();
    backlog.mbean = mbean;
    backlog.attribute = attribute;
    return backlog;
  }
}
