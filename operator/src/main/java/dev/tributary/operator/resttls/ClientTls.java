package dev.tributary.operator.resttls;

import dev.tributary.operator.connectapi.RestTls;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * How the operator calls a cluster's locked REST API: trusting the cluster's CAs, and holding a
 * client certificate of each, made in memory and never stored. While a new CA rolls out, the
 * handshake picks the certificate of whichever CA the worker it reaches still asks for.
 */
public record ClientTls(RestTls transport, String caPem) {

  static final String OPERATOR = "tributary-operator";

  /** From the CA Secret's data (base64, as stored). */
  public static ClientTls of(Map<String, String> caData, Instant now) {
    List<CertificateAuthority> cas = new ArrayList<>();
    cas.add(
        CertificateAuthority.load(
            RestTlsPlan.decode(caData.get(RestTlsPlan.CA_CERT)),
            RestTlsPlan.decode(caData.get(RestTlsPlan.CA_KEY))));
    if (caData.containsKey(RestTlsPlan.PREVIOUS_CA_CERT)) {
      cas.add(
          CertificateAuthority.load(
              RestTlsPlan.decode(caData.get(RestTlsPlan.PREVIOUS_CA_CERT)),
              RestTlsPlan.decode(caData.get(RestTlsPlan.PREVIOUS_CA_KEY))));
    }
    try {
      // Only in memory: the key store exists to hand the keys to the key manager.
      char[] password = OPERATOR.toCharArray();
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      for (int i = 0; i < cas.size(); i++) {
        CertificateAuthority ca = cas.get(i);
        CertificateAuthority.Issued client =
            ca.issue(OPERATOR, List.of(), List.of(), now, RestTlsPlan.CA_VALIDITY);
        keys.setKeyEntry(
            "operator-" + i,
            client.key(),
            password,
            new X509Certificate[] {client.certificate(), ca.certificate()});
        trust.setCertificateEntry("ca-" + i, ca.certificate());
      }
      KeyManagerFactory keyManagers = KeyManagerFactory.getInstance("PKIX");
      keyManagers.init(keys, password);
      TrustManagerFactory trustManagers =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trustManagers.init(trust);
      X509TrustManager trustManager = (X509TrustManager) trustManagers.getTrustManagers()[0];
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers.getKeyManagers(), new X509TrustManager[] {trustManager}, null);
      return new ClientTls(new RestTls(context.getSocketFactory(), trustManager), cas(caData));
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("making the operator's REST client certificate failed", e);
    }
  }

  /** Whether this was made from the same CAs as {@code caData}. */
  public boolean sameCas(Map<String, String> caData) {
    return caPem.equals(cas(caData));
  }

  private static String cas(Map<String, String> caData) {
    return caData.get(RestTlsPlan.CA_CERT) + caData.getOrDefault(RestTlsPlan.PREVIOUS_CA_CERT, "");
  }
}
