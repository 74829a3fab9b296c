package dev.tributary.sandbox.process;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A CA and certificates it signs, made at start (no files from the internet), as PEM: what a
 * Strimzi-managed Kafka keeps in its cluster CA and KafkaUser Secrets.
 */
public final class Certificates {

  /** A private key (PKCS#8 PEM) and its certificate (PEM). */
  public record Issued(String keyPem, String certificatePem) {
    /** Key then certificate, as a PEM keystore file holds them. */
    public String keyAndCertificate() {
      return keyPem + certificatePem;
    }
  }

  private final KeyPair caKeys;
  private final X509Certificate ca;

  private Certificates(KeyPair caKeys, X509Certificate ca) {
    this.caKeys = caKeys;
    this.ca = ca;
  }

  /** A new CA named {@code name}, valid for a year. */
  public static Certificates newCa(String name) throws IOException {
    try {
      KeyPair keys = keyPair();
      X500Name subject = new X500Name("CN=" + name);
      X509v3CertificateBuilder builder = builder(subject, subject, keys);
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      builder.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      return new Certificates(keys, sign(builder, keys));
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IOException("making a CA failed", e);
    }
  }

  /** The CA's certificate, PEM. */
  public String caPem() throws IOException {
    return pem(ca);
  }

  /** A server certificate for these DNS names and IP addresses. */
  public Issued server(String commonName, List<String> dnsNames, List<String> addresses)
      throws IOException {
    List<GeneralName> names = new ArrayList<>();
    dnsNames.forEach(dns -> names.add(new GeneralName(GeneralName.dNSName, dns)));
    addresses.forEach(ip -> names.add(new GeneralName(GeneralName.iPAddress, ip)));
    return issue(commonName, names);
  }

  /** A client certificate for {@code user}, as a KafkaUser of type tls gets. */
  public Issued client(String user) throws IOException {
    return issue(user, List.of());
  }

  private Issued issue(String commonName, List<GeneralName> names) throws IOException {
    try {
      KeyPair keys = keyPair();
      X509v3CertificateBuilder builder =
          builder(
              new X500Name(ca.getSubjectX500Principal().getName()),
              new X500Name("CN=" + commonName),
              keys);
      if (!names.isEmpty()) {
        builder.addExtension(
            Extension.subjectAlternativeName,
            false,
            new GeneralNames(names.toArray(GeneralName[]::new)));
      }
      builder.addExtension(
          Extension.keyUsage,
          true,
          new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
      X509Certificate certificate = sign(builder, caKeys);
      StringWriter key = new StringWriter();
      try (JcaPEMWriter writer = new JcaPEMWriter(key)) {
        writer.writeObject(new JcaPKCS8Generator(keys.getPrivate(), null));
      }
      return new Issued(key.toString(), pem(certificate));
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IOException("issuing a certificate for " + commonName + " failed", e);
    }
  }

  private static KeyPair keyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return generator.generateKeyPair();
  }

  private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(
        issuer,
        BigInteger.valueOf(now.toEpochMilli()).add(BigInteger.valueOf(System.nanoTime() & 0xffff)),
        Date.from(now.minus(Duration.ofMinutes(5))),
        Date.from(now.plus(Duration.ofDays(365))),
        subject,
        keys.getPublic());
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer)
      throws GeneralSecurityException, OperatorCreationException {
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(signer.getPrivate())));
  }

  private static String pem(Object object) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    }
    return out.toString();
  }
}
