package dev.tributary.operator.connectapi;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Dns;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;

/** REST clients for Connect clusters over HTTP, or HTTPS where locked, sharing one pool. */
public final class HttpConnectClients implements ConnectClients {

  private final OkHttpClient http;
  private final Map<String, Https> locked = new ConcurrentHashMap<>();

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
    return new ConnectRestClient(
        () -> {
          Https https = locked.get(baseUrl);
          return https == null ? http : https.client();
        },
        baseUrl);
  }

  @Override
  public ConnectApi forWorker(String clusterUrl, String workerId) {
    return new ConnectRestClient(
        () -> {
          Https https = locked.get(clusterUrl);
          return https == null ? http : https.client();
        },
        "http://" + workerId + "/");
  }

  @Override
  public void useTls(String baseUrl, RestTls tls) {
    if (tls == null) {
      locked.remove(baseUrl);
      return;
    }
    locked.compute(
        baseUrl,
        (url, known) ->
            known != null && known.tls().equals(tls)
                ? known
                : new Https(
                    tls,
                    http.newBuilder()
                        .sslSocketFactory(tls.socketFactory(), tls.trustManager())
                        .addInterceptor(
                            chain ->
                                chain.proceed(
                                    chain
                                        .request()
                                        .newBuilder()
                                        .url(
                                            chain
                                                .request()
                                                .url()
                                                .newBuilder()
                                                .scheme("https")
                                                .build())
                                        .build()))
                        .build()));
  }

  /** A locked cluster's client: same pool and timeouts, its TLS, every URL made https. */
  private record Https(RestTls tls, OkHttpClient client) {}
}
