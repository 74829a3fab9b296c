package dev.tributary.sandbox.process;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * An OAuth 2 authorization server for one client, as far as Kafka's OAUTHBEARER needs one: a client
 * credentials token endpoint issuing RS256-signed JWTs, and the JWKS the broker verifies them with.
 */
public final class TokenEndpoint implements AutoCloseable {

  public static final String CLIENT_ID = "tributary-connect";
  public static final String ISSUER = "tributary-sandbox";

  private final HttpServer server;
  private final RsaJsonWebKey key;
  private final String clientSecret = "oauth-" + UUID.randomUUID();
  private final AtomicInteger issued = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();

  private TokenEndpoint(HttpServer server, RsaJsonWebKey key) {
    this.server = server;
    this.key = key;
  }

  /** Serves on {@code host} at {@code port} (0: any free port). */
  public static TokenEndpoint start(String host, int port) throws IOException {
    try {
      RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
      key.setKeyId("sandbox-" + UUID.randomUUID());
      key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
      var endpoint =
          new TokenEndpoint(HttpServer.create(new InetSocketAddress(host, port), 0), key);
      endpoint.server.createContext("/jwks", endpoint::jwks);
      endpoint.server.createContext("/token", endpoint::token);
      endpoint.server.start();
      return endpoint;
    } catch (JoseException e) {
      throw new IOException("making the token signing key failed", e);
    }
  }

  public String tokenUrl() {
    return url() + "/token";
  }

  public String jwksUrl() {
    return url() + "/jwks";
  }

  public String clientSecret() {
    return clientSecret;
  }

  /** Tokens handed out, and requests turned away, so far. */
  public int issued() {
    return issued.get();
  }

  public int refused() {
    return refused.get();
  }

  private String url() {
    var address = server.getAddress();
    return "http://" + address.getHostString() + ":" + address.getPort();
  }

  private void jwks(HttpExchange exchange) throws IOException {
    respond(
        exchange,
        200,
        "{\"keys\":[" + key.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY) + "]}");
  }

  private void token(HttpExchange exchange) throws IOException {
    Map<String, String> form =
        form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    Map<String, String> basic = basic(exchange.getRequestHeaders().getFirst("Authorization"));
    String id = basic.getOrDefault("id", form.get("client_id"));
    String secret = basic.getOrDefault("secret", form.get("client_secret"));
    if (!"POST".equals(exchange.getRequestMethod())
        || !"client_credentials".equals(form.get("grant_type"))
        || !CLIENT_ID.equals(id)
        || !clientSecret.equals(secret)) {
      refused.incrementAndGet();
      respond(exchange, 401, "{\"error\":\"invalid_client\"}");
      return;
    }
    try {
      JwtClaims claims = new JwtClaims();
      claims.setIssuer(ISSUER);
      claims.setSubject(id);
      claims.setIssuedAtToNow();
      claims.setExpirationTimeMinutesInTheFuture(60);
      claims.setGeneratedJwtId();
      if (form.containsKey("scope")) {
        claims.setClaim("scope", form.get("scope"));
      }
      JsonWebSignature jws = new JsonWebSignature();
      jws.setPayload(claims.toJson());
      jws.setKey(key.getPrivateKey());
      jws.setKeyIdHeaderValue(key.getKeyId());
      jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
      String token = jws.getCompactSerialization();
      issued.incrementAndGet();
      respond(
          exchange,
          200,
          "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
    } catch (JoseException e) {
      respond(exchange, 500, "{\"error\":\"server_error\"}");
    }
  }

  private static Map<String, String> form(String body) {
    Map<String, String> values = new HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        values.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
      }
    }
    return values;
  }

  /** Client id and secret from {@code Basic base64(urlencode(id):urlencode(secret))}. */
  private static Map<String, String> basic(String header) {
    if (header == null || !header.startsWith("Basic ")) {
      return Map.of();
    }
    String pair =
        new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    int colon = pair.indexOf(':');
    return colon < 0
        ? Map.of()
        : Map.of(
            "id", decode(pair.substring(0, colon)), "secret", decode(pair.substring(colon + 1)));
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  private static void respond(HttpExchange exchange, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (var out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
