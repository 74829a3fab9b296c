package dev.tributary.sandbox.cluster;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HTTPHeader;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A kubelet's httpGet probe: the scheme, port, path and headers the container declares, against the
 * pod's address; over HTTPS it checks no certificate and presents none, as the kubelet does.
 */
final class HttpProbe {

  private static final X509TrustManager TRUST_ALL =
      new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
          return new X509Certificate[0];
        }
      };

  private static final OkHttpClient HTTP = client();

  private HttpProbe() {}

  /** The HTTP status the probe gets, or -1 when nothing answers within {@code timeout}. */
  static int status(String address, Container container, HTTPGetAction get, Duration timeout) {
    String scheme = "HTTPS".equalsIgnoreCase(get.getScheme()) ? "https" : "http";
    String path = get.getPath() == null ? "/" : get.getPath();
    var request =
        new Request.Builder()
            .url(scheme + "://" + address + ":" + port(container, get.getPort()) + path);
    if (get.getHttpHeaders() != null) {
      for (HTTPHeader header : get.getHttpHeaders()) {
        request.header(header.getName(), header.getValue());
      }
    }
    try (Response response =
        HTTP.newBuilder().callTimeout(timeout).build().newCall(request.build()).execute()) {
      return response.code();
    } catch (IOException e) {
      return -1;
    }
  }

  static int port(Container container, IntOrString port) {
    if (port.getIntVal() != null) {
      return port.getIntVal();
    }
    return container.getPorts().stream()
        .filter(p -> port.getStrVal().equals(p.getName()))
        .map(ContainerPort::getContainerPort)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no container port " + port.getStrVal()));
  }

  private static OkHttpClient client() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new X509TrustManager[] {TRUST_ALL}, null);
      return new OkHttpClient.Builder()
          .sslSocketFactory(context.getSocketFactory(), TRUST_ALL)
          .hostnameVerifier((host, session) -> true)
          .retryOnConnectionFailure(false)
          .build();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
