package dev.tributary.operator.kafkaprobe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import okhttp3.Dns;
import org.junit.jupiter.api.Test;

class TcpKafkaProbeTest {

  static final Dns LOOPBACK =
      host -> {
        if (host.equals("kafka")) {
          return List.of(InetAddress.getLoopbackAddress());
        }
        throw new UnknownHostException(host);
      };

  final TcpKafkaProbe probe = new TcpKafkaProbe(LOOPBACK, Duration.ofSeconds(2), Clock.systemUTC());

  @Test
  void aListeningBootstrapServerIsReachable() throws Exception {
    try (var broker = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThat(probe.unreachable("nosuch:9092,kafka:" + broker.getLocalPort())).isEmpty();
    }
  }

  @Test
  void eachAddressSaysWhyItCannotBeReached() throws Exception {
    int closed;
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    assertThat(probe.unreachable("nosuch:9092, kafka:" + closed))
        .contains("nosuch:9092 (unknown host), kafka:" + closed + " (connection refused)");
  }

  @Test
  void bootstrapServersAreReadAsKafkaClientsReadThem() {
    assertThat(BootstrapServers.parse("SASL_SSL://a:9093, b:9092,[::1]:9094,nope,c:"))
        .extracting(Object::toString)
        .containsExactly("a:9093", "b:9092", "::1:9094");
    assertThat(probe.unreachable("nothing-parseable")).isEmpty();
  }
}
