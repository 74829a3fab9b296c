package dev.tributary.operator.kafkaprobe;

import java.util.ArrayList;
import java.util.List;

/** {@code bootstrap.servers} as the addresses it names. */
public final class BootstrapServers {

  /** One {@code host:port} of the list. */
  public record Address(String host, int port) {
    @Override
    public String toString() {
      return host + ":" + port;
    }
  }

  private BootstrapServers() {}

  /**
   * The addresses of a comma-separated list; entries without a port, or with a scheme such as
   * {@code SASL_SSL://}, are read as Kafka's clients read them; ones that make no sense are left
   * out (spec validation names them).
   */
  public static List<Address> parse(String bootstrapServers) {
    List<Address> addresses = new ArrayList<>();
    if (bootstrapServers == null) {
      return addresses;
    }
    for (String entry : bootstrapServers.split(",")) {
      String address = entry.strip();
      int scheme = address.indexOf("://");
      if (scheme >= 0) {
        address = address.substring(scheme + 3);
      }
      int colon = address.lastIndexOf(':');
      if (colon <= 0 || colon == address.length() - 1) {
        continue;
      }
      String host = address.substring(0, colon);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      try {
        int port = Integer.parseInt(address.substring(colon + 1));
        if (port > 0 && port < 65536) {
          addresses.add(new Address(host, port));
        }
      } catch (NumberFormatException e) {
        // not an address: left out
      }
    }
    return addresses;
  }
}
