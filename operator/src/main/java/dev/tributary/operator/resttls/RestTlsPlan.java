package dev.tributary.operator.resttls;

import dev.tributary.operator.model.ClusterNames;
import dev.tributary.operator.model.RestApiTls;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a cluster's two REST TLS Secrets should hold at a moment, given what they hold: a CA renewed
 * a month before it ends (the one before it still trusted until its own end), and a worker
 * certificate of the current CA renewed a month before it ends. Secret data is as stored: base64.
 */
public record RestTlsPlan(
    Map<String, String> caData, Map<String, String> workerData, List<String> changes) {

  public static final Duration CA_VALIDITY = Duration.ofDays(365);
  public static final Duration CERTIFICATE_VALIDITY = Duration.ofDays(90);
  public static final Duration RENEW_BEFORE = Duration.ofDays(30);

  static final String CA_CERT = "ca.crt";
  static final String CA_KEY = "ca.key";
  static final String PREVIOUS_CA_CERT = "previous-ca.crt";
  static final String PREVIOUS_CA_KEY = "previous-ca.key";
  static final String TLS_CERT = "tls.crt";
  static final String TLS_KEY = "tls.key";

  private static final SecureRandom RANDOM = new SecureRandom();

  public boolean caChanged(Map<String, String> before) {
    return !caData.equals(before);
  }

  public boolean workerChanged(Map<String, String> before) {
    return !workerData.equals(before);
  }

  /** The plan for {@code names} at {@code now}; absent or unreadable data counts as none. */
  public static RestTlsPlan of(
      ClusterNames names, Map<String, String> caData, Map<String, String> workerData, Instant now) {
    List<String> changes = new ArrayList<>();
    Optional<CertificateAuthority> current = ca(caData, CA_CERT, CA_KEY);
    Optional<CertificateAuthority> previous = ca(caData, PREVIOUS_CA_CERT, PREVIOUS_CA_KEY);
    if (current.isEmpty() || endsWithin(current.get().certificate(), now, RENEW_BEFORE)) {
      previous = current.filter(ca -> !endsWithin(ca.certificate(), now, Duration.ZERO));
      current =
          Optional.of(
              CertificateAuthority.create(
                  names.namespace() + "/" + names.cluster() + " Connect REST CA",
                  now,
                  CA_VALIDITY));
      changes.add("new CA");
    }
    if (previous.isPresent() && endsWithin(previous.get().certificate(), now, Duration.ZERO)) {
      previous = Optional.empty();
      changes.add("previous CA ended");
    }
    Map<String, String> newCaData = new TreeMap<>();
    newCaData.put(CA_CERT, encode(current.get().certificatePem()));
    newCaData.put(CA_KEY, encode(current.get().keyPem()));
    previous.ifPresent(
        ca -> {
          newCaData.put(PREVIOUS_CA_CERT, encode(ca.certificatePem()));
          newCaData.put(PREVIOUS_CA_KEY, encode(ca.keyPem()));
        });
    List<X509Certificate> trusted = new ArrayList<>();
    trusted.add(current.get().certificate());
    previous.ifPresent(ca -> trusted.add(ca.certificate()));
    String bundle = bundle(trusted);

    Map<String, String> newWorkerData = workerData == null ? Map.of() : workerData;
    Optional<String> reason = reissue(names, current.get(), bundle, newWorkerData, now);
    if (reason.isPresent()) {
      changes.add(reason.get());
      newWorkerData = workerData(names, current.get(), trusted, bundle, now);
    }
    return new RestTlsPlan(newCaData, newWorkerData, changes);
  }

  /** Why the workers need a new certificate, if they do. */
  static Optional<String> reissue(
      ClusterNames names,
      CertificateAuthority ca,
      String bundle,
      Map<String, String> workerData,
      Instant now) {
    if (!workerData.containsKey(TLS_CERT) || !workerData.containsKey(RestApiTls.KEYSTORE)) {
      return Optional.of("new worker certificate");
    }
    try {
      X509Certificate certificate =
          CertificateAuthority.parse(decode(workerData.get(TLS_CERT))).get(0);
      if (!bundle.equals(decode(workerData.get(RestApiTls.CA_BUNDLE)))) {
        return Optional.of("trusted CAs changed");
      }
      certificate.verify(ca.certificate().getPublicKey());
      if (endsWithin(certificate, now, RENEW_BEFORE)) {
        return Optional.of("worker certificate renewed");
      }
      if (!dnsNames(certificate).equals(RestApiTls.dnsNames(names))) {
        return Optional.of("worker certificate names changed");
      }
      return Optional.empty();
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return Optional.of("worker certificate unreadable or not of the current CA");
    }
  }

  private static Map<String, String> workerData(
      ClusterNames names,
      CertificateAuthority ca,
      List<X509Certificate> trusted,
      String bundle,
      Instant now) {
    CertificateAuthority.Issued issued =
        ca.issue(
            names.statefulSet() + "." + names.namespace(),
            RestApiTls.dnsNames(names),
            List.of(),
            now,
            CERTIFICATE_VALIDITY);
    char[] password = password();
    try {
      KeyStore keystore = KeyStore.getInstance("PKCS12");
      keystore.load(null, null);
      keystore.setKeyEntry(
          "worker",
          issued.key(),
          password,
          new X509Certificate[] {issued.certificate(), ca.certificate()});
      KeyStore truststore = KeyStore.getInstance("PKCS12");
      truststore.load(null, null);
      for (int i = 0; i < trusted.size(); i++) {
        truststore.setCertificateEntry("ca-" + i, trusted.get(i));
      }
      Map<String, String> data = new TreeMap<>();
      data.put(TLS_CERT, encode(issued.certificatePem()));
      data.put(TLS_KEY, encode(issued.keyPem()));
      data.put(RestApiTls.CA_BUNDLE, encode(bundle));
      data.put(RestApiTls.KEYSTORE, store(keystore, password));
      data.put(RestApiTls.TRUSTSTORE, store(truststore, password));
      data.put(RestApiTls.STORE_PASSWORD, encode(new String(password)));
      return data;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("making the workers' key stores failed", e);
    }
  }

  private static Optional<CertificateAuthority> ca(
      Map<String, String> data, String certKey, String keyKey) {
    if (data == null || !data.containsKey(certKey) || !data.containsKey(keyKey)) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          CertificateAuthority.load(decode(data.get(certKey)), decode(data.get(keyKey))));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  static boolean endsWithin(X509Certificate certificate, Instant now, Duration margin) {
    return !certificate.getNotAfter().toInstant().isAfter(now.plus(margin));
  }

  private static List<String> dnsNames(X509Certificate certificate) {
    List<String> names = new ArrayList<>();
    try {
      if (certificate.getSubjectAlternativeNames() != null) {
        certificate.getSubjectAlternativeNames().stream()
            .filter(name -> Integer.valueOf(2).equals(name.get(0)))
            .forEach(name -> names.add((String) name.get(1)));
      }
    } catch (CertificateParsingException e) {
      throw new IllegalArgumentException(e);
    }
    return names;
  }

  private static String bundle(List<X509Certificate> certificates) {
    StringBuilder pem = new StringBuilder();
    certificates.forEach(c -> pem.append(CertificateAuthority.pem(c)));
    return pem.toString();
  }

  private static char[] password() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).toCharArray();
  }

  private static String store(KeyStore store, char[] password)
      throws GeneralSecurityException, IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    store.store(out, password);
    return Base64.getEncoder().encodeToString(out.toByteArray());
  }

  static String encode(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  static String decode(String base64) {
    return base64 == null
        ? ""
        : new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }
}
