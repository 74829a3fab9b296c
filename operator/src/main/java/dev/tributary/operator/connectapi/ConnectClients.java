package dev.tributary.operator.connectapi;

/** Hands out the {@link ConnectApi} of a Connect cluster by its base URL. */
@FunctionalInterface
public interface ConnectClients {
  ConnectApi forUrl(String baseUrl);
}
