package dev.tributary.operator.connect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.Dns;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;

/** Hands out REST clients for Connect clusters, sharing one connection pool. */
public final class ConnectClients {

  private final OkHttpClient http;

  public ConnectClients(Dns dns, Interceptor... interceptors) {
    var builder = new OkHttpClient.Builder();
    for (Interceptor interceptor : interceptors) {
      builder.addInterceptor(interceptor);
    }
    this.http =
        builder
            .dns(dns)
            .connectTimeout(Duration.ofSeconds(3))
            .readTimeout(Duration.ofSeconds(20))
            .callTimeout(Duration.ofSeconds(30))
            .retryOnConnectionFailure(false)
            .build();
  }

  public ConnectRestClient forUrl(String baseUrl) {
    return new ConnectRestClient(http, baseUrl);
  }

  /**
   * The system resolver, or a hosts file (lines of {@code address name...}) consulted first: how
   * the local sandbox maps pod and Service DNS names to loopback addresses.
   */
  public static Dns dns(Path hostsFile) {
    if (hostsFile == null) {
      return Dns.SYSTEM;
    }
    return hostname -> {
      InetAddress mapped = readHosts(hostsFile).get(hostname);
      return mapped != null ? List.of(mapped) : Dns.SYSTEM.lookup(hostname);
    };
  }

  static Map<String, InetAddress> readHosts(Path hostsFile) {
    Map<String, InetAddress> hosts = new HashMap<>();
    try {
      if (!Files.exists(hostsFile)) {
        return hosts;
      }
      for (String line : Files.readAllLines(hostsFile)) {
        String[] words = line.replaceAll("#.*", "").trim().split("\\s+");
        if (words.length < 2) {
          continue;
        }
        InetAddress address = InetAddress.getByName(words[0]);
        for (int i = 1; i < words.length; i++) {
          hosts.put(words[i], InetAddress.getByAddress(words[i], address.getAddress()));
        }
      }
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("bad address in " + hostsFile + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return hosts;
  }
}
