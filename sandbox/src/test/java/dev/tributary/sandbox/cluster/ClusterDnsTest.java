package dev.tributary.sandbox.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClusterDnsTest {

  @Test
  void hostsInUrlsAndHostPortPairsAreFound() {
    assertThat(ClusterDns.hostsNamedIn("jdbc:postgresql://db.example.com:5432/orders"))
        .containsExactly("db.example.com");
    assertThat(ClusterDns.hostsNamedIn("kafka-1.example.com:9092,Kafka-2.example.com:9093"))
        .containsExactly("kafka-1.example.com", "kafka-2.example.com");
    assertThat(ClusterDns.hostsNamedIn("https://user:secret@registry.example.com/subjects"))
        .containsExactly("registry.example.com");
    assertThat(ClusterDns.hostsNamedIn("SASL_SSL://broker.example.com:9094"))
        .containsExactly("broker.example.com");
  }

  @Test
  void classNamesAddressesAndPlainWordsAreNotHosts() {
    assertThat(ClusterDns.hostsNamedIn("org.apache.kafka.connect.json.JsonConverter")).isEmpty();
    assertThat(ClusterDns.hostsNamedIn("127.0.0.1:9092")).isEmpty();
    assertThat(ClusterDns.hostsNamedIn("localhost:8083")).isEmpty();
    assertThat(ClusterDns.hostsNamedIn("lines")).isEmpty();
    assertThat(ClusterDns.hostsNamedIn("org.example.Cast$Value")).isEmpty();
    assertThat(ClusterDns.hostsNamedIn(null)).isEmpty();
  }
}
