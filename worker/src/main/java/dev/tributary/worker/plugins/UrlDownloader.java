package dev.tributary.worker.plugins;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Downloads {@code type: url} artifacts. No retries here: the operator runs fetch-plugins as an
 * init container, and Kubernetes restarts a failed one with back-off.
 */
final class UrlDownloader {

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NORMAL)
          .build();

  /** Downloads {@code url}, sending {@code authorization} (may be null) as its Authorization. */
  void download(String what, URI url, Path destination, String authorization) throws IOException {
    var builder = HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(5)).GET();
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    var request = builder.build();
    HttpResponse<Path> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofFile(destination));
    } catch (HttpConnectTimeoutException | ConnectException e) {
      throw new PluginInstallException(what + ": cannot reach " + hostOf(url) + " (" + e + ")", e);
    } catch (IOException e) {
      if (rootCause(e) instanceof UnknownHostException) {
        throw new PluginInstallException(what + ": unknown host " + url.getHost(), e);
      }
      throw new PluginInstallException(what + ": download from " + url + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PluginInstallException(what + ": interrupted while downloading", e);
    }
    if (response.statusCode() != 200) {
      Files.deleteIfExists(destination);
      throw new PluginInstallException(
          what
              + ": HTTP "
              + response.statusCode()
              + (response.statusCode() == 404 ? " (not found)" : "")
              + (response.statusCode() == 401 || response.statusCode() == 403
                  ? " (not authorised: check the artifact's authentication and its Secret)"
                  : "")
              + " from "
              + url);
    }
  }

  private static String hostOf(URI url) {
    return url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "");
  }

  private static Throwable rootCause(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }
}
