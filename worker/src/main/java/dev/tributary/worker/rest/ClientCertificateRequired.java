package dev.tributary.worker.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.security.cert.X509Certificate;
import org.apache.kafka.connect.rest.ConnectRestExtensionContext;

/**
 * With a locked REST API ({@code ssl.client.auth=requested}), answers only requests that came with
 * a client certificate, which the TLS handshake has already checked against the cluster's CAs;
 * {@code /health} stays open for the kubelet's probes, which have no certificate.
 */
public final class ClientCertificateRequired extends PlainRestExtension {

  static final String CERTIFICATES = "jakarta.servlet.request.X509Certificate";

  @Override
  public void register(ConnectRestExtensionContext context) {
    context.configurable().register(new Filter());
  }

  /** The decision, apart from JAX-RS: may a request for {@code path} with these go through? */
  static boolean admitted(String path, Object certificates) {
    String trimmed = path.startsWith("/") ? path.substring(1) : path;
    return trimmed.equals("health")
        || (certificates instanceof X509Certificate[] chain && chain.length > 0);
  }

  static final class Filter implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext request) {
      if (!admitted(request.getUriInfo().getPath(), request.getProperty(CERTIFICATES))) {
        request.abortWith(
            Response.status(Response.Status.UNAUTHORIZED)
                .type(MediaType.APPLICATION_JSON)
                .entity(
                    "{\"error_code\":401,\"message\":\"this Connect REST API answers only"
                        + " clients with a certificate of the cluster's CA (spec.restApi.tls)\"}")
                .build());
      }
    }
  }
}
