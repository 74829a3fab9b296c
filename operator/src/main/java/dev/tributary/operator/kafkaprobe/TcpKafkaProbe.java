package dev.tributary.operator.kafkaprobe;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Dns;

/**
 * Opens a TCP connection to each bootstrap server in turn, as a Kafka client's first step: no
 * credentials are needed to tell an unknown host, a refused connection or a silent address, and
 * those are what keep a worker from starting for a minute before it says so. Answers are kept for a
 * few seconds, since every reconcile of a starting cluster asks.
 */
public final class TcpKafkaProbe implements KafkaProbe {

  private static final Duration REMEMBERED = Duration.ofSeconds(5);

  private record Answer(Optional<String> unreachable, Instant at) {}

  private final Dns dns;
  private final Duration timeout;
  private final Clock clock;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();

  public TcpKafkaProbe(Dns dns, Duration timeout, Clock clock) {
    this.dns = dns;
    this.timeout = timeout;
    this.clock = clock;
  }

  /** With the machine's resolver, a 3-second connect timeout. */
  public TcpKafkaProbe() {
    this(Dns.SYSTEM, Duration.ofSeconds(3), Clock.systemUTC());
  }

  @Override
  public Optional<String> unreachable(String bootstrapServers) {
    Instant now = clock.instant();
    Answer known = answers.get(bootstrapServers);
    if (known != null && known.at().plus(REMEMBERED).isAfter(now)) {
      return known.unreachable();
    }
    Optional<String> answer = probe(BootstrapServers.parse(bootstrapServers));
    if (answers.size() > 10_000) {
      answers.clear();
    }
    answers.put(bootstrapServers, new Answer(answer, now));
    return answer;
  }

  private Optional<String> probe(List<BootstrapServers.Address> addresses) {
    if (addresses.isEmpty()) {
      return Optional.empty();
    }
    List<String> failures = new ArrayList<>();
    for (BootstrapServers.Address address : addresses) {
      Optional<String> failure = connect(address);
      if (failure.isEmpty()) {
        return Optional.empty();
      }
      failures.add(address + " (" + failure.get() + ")");
    }
    return Optional.of(String.join(", ", failures));
  }

  private Optional<String> connect(BootstrapServers.Address address) {
    List<InetAddress> ips;
    try {
      ips = dns.lookup(address.host());
    } catch (UnknownHostException e) {
      return Optional.of("unknown host");
    }
    String last = "no address";
    for (InetAddress ip : ips) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(ip, address.port()), (int) timeout.toMillis());
        return Optional.empty();
      } catch (ConnectException e) {
        last = "connection refused";
      } catch (SocketTimeoutException e) {
        last = "no answer within " + timeout.toSeconds() + " s";
      } catch (IOException e) {
        last = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      }
    }
    return Optional.of(last);
  }
}
