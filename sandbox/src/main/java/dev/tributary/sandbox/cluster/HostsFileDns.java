package dev.tributary.sandbox.cluster;

import dev.tributary.operator.kafkaprobe.BootstrapServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.Dns;

/**
 * The sandbox's cluster DNS as the operator sees it: names in a hosts file (lines of {@code address
 * name...}) first, every other name through the machine's resolver. The file is read again only
 * when it changed.
 */
public final class HostsFileDns implements Dns {

  private final Path hostsFile;
  private FileTime readAt;
  private Map<String, InetAddress> hosts = Map.of();

  public HostsFileDns(Path hostsFile) {
    this.hostsFile = hostsFile;
  }

  @Override
  public List<InetAddress> lookup(String hostname) throws UnknownHostException {
    InetAddress mapped = current().get(hostname);
    return mapped != null ? List.of(mapped) : Dns.SYSTEM.lookup(hostname);
  }

  /**
   * Bootstrap servers with each name the hosts file knows replaced by its address, for Kafka
   * clients, which resolve names only through the JVM's resolver.
   */
  public String resolveBootstrapServers(String bootstrapServers) {
    List<String> resolved = new ArrayList<>();
    for (BootstrapServers.Address address : BootstrapServers.parse(bootstrapServers)) {
      InetAddress mapped = current().get(address.host());
      resolved.add(
          (mapped == null ? address.host() : mapped.getHostAddress()) + ":" + address.port());
    }
    return String.join(",", resolved);
  }

  private synchronized Map<String, InetAddress> current() {
    try {
      if (!Files.exists(hostsFile)) {
        return Map.of();
      }
      FileTime modified = Files.getLastModifiedTime(hostsFile);
      if (!modified.equals(readAt)) {
        hosts = parse(Files.readAllLines(hostsFile));
        readAt = modified;
      }
      return hosts;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, InetAddress> parse(List<String> lines) {
    Map<String, InetAddress> hosts = new HashMap<>();
    for (String line : lines) {
      String[] words = line.replaceAll("#.*", "").trim().split("\\s+");
      if (words.length < 2) {
        continue;
      }
      try {
        InetAddress address = InetAddress.getByName(words[0]);
        for (int i = 1; i < words.length; i++) {
          hosts.put(words[i], InetAddress.getByAddress(words[i], address.getAddress()));
        }
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("bad address in hosts file: " + words[0], e);
      }
    }
    return hosts;
  }
}
