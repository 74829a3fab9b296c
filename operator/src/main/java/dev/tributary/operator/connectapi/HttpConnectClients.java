package dev.tributary.operator.connectapi;

import java.time.Duration;
import okhttp3.Dns;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;

/** REST clients for Connect clusters over HTTP, sharing one connection pool. */
public final class HttpConnectClients implements ConnectClients {

  private final OkHttpClient http;

  /** Resolving names with the system's resolver. */
  public HttpConnectClients() {
    this(Dns.SYSTEM);
  }

  /** Resolving names with {@code dns}; {@code interceptors} see every call (tests count them). */
  public HttpConnectClients(Dns dns, Interceptor... interceptors) {
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

  @Override
  public ConnectApi forUrl(String baseUrl) {
    return new ConnectRestClient(http, baseUrl);
  }
}
