package dev.tributary.operator.resttls;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A certificate authority: its key and certificate, and the certificates it signs, as PEM. */
public final class CertificateAuthority {

  /** A private key and the certificate that goes with it. */
  public record Issued(PrivateKey key, X509Certificate certificate) {
    /** The key, PKCS#8 PEM. */
    public String keyPem() {
      try {
        return pem(new JcaPKCS8Generator(key, null));
      } catch (org.bouncycastle.util.io.pem.PemGenerationException e) {
        throw new IllegalStateException("writing a key as PEM failed", e);
      }
    }

    public String certificatePem() {
      return pem(certificate);
    }

    /** Key then certificate, as a PEM keystore file holds them. */
    public String keyAndCertificate() {
      return keyPem() + certificatePem();
    }
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Issued ca;

  private CertificateAuthority(Issued ca) {
    this.ca = ca;
  }

  /** A new CA named {@code name}, valid from {@code now} for {@code validity}. */
  public static CertificateAuthority create(String name, Instant now, Duration validity) {
    try {
      KeyPair keys = keyPair();
      X500Name subject = new X500Name("CN=" + name);
      X509v3CertificateBuilder builder = builder(subject, subject, keys, now, validity);
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      builder.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      return new CertificateAuthority(new Issued(keys.getPrivate(), sign(builder, keys)));
    } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
      throw new IllegalStateException("making a CA failed", e);
    }
  }

  /** The CA a certificate and key (PEM) stand for. */
  public static CertificateAuthority load(String certificatePem, String keyPem) {
    return new CertificateAuthority(new Issued(parseKey(keyPem), parse(certificatePem).get(0)));
  }

  public X509Certificate certificate() {
    return ca.certificate();
  }

  public String certificatePem() {
    return ca.certificatePem();
  }

  public String keyPem() {
    return ca.keyPem();
  }

  /**
   * A certificate for {@code commonName}, naming {@code dnsNames} and IP {@code addresses}, usable
   * by a TLS server and client alike, valid from {@code now} for {@code validity} but never past
   * the CA's own end.
   */
  public Issued issue(
      String commonName,
      List<String> dnsNames,
      List<String> addresses,
      Instant now,
      Duration validity) {
    try {
      KeyPair keys = keyPair();
      Instant caEnd = ca.certificate().getNotAfter().toInstant();
      Duration bounded =
          now.plus(validity).isAfter(caEnd) ? Duration.between(now, caEnd) : validity;
      X509v3CertificateBuilder builder =
          builder(
              X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()),
              new X500Name("CN=" + commonName),
              keys,
              now,
              bounded);
      List<GeneralName> names = new ArrayList<>();
      dnsNames.forEach(dns -> names.add(new GeneralName(GeneralName.dNSName, dns)));
      addresses.forEach(ip -> names.add(new GeneralName(GeneralName.iPAddress, ip)));
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
      builder.addExtension(
          Extension.extendedKeyUsage,
          false,
          new ExtendedKeyUsage(
              new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
      return new Issued(keys.getPrivate(), sign(builder, ca.key(), ca.certificate()));
    } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
      throw new IllegalStateException("issuing a certificate for " + commonName + " failed", e);
    }
  }

  /** Every certificate in a PEM bundle, in order. */
  public static List<X509Certificate> parse(String pem) {
    List<X509Certificate> certificates = new ArrayList<>();
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object object;
      while ((object = parser.readObject()) != null) {
        if (object instanceof X509CertificateHolder holder) {
          certificates.add(new JcaX509CertificateConverter().getCertificate(holder));
        }
      }
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("not a PEM certificate bundle: " + e.getMessage(), e);
    }
    if (certificates.isEmpty()) {
      throw new IllegalArgumentException("no certificate in the PEM text");
    }
    return certificates;
  }

  /** A PKCS#8 private key, PEM. */
  public static PrivateKey parseKey(String pem) {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object object = parser.readObject();
      if (object instanceof PrivateKeyInfo info) {
        return new JcaPEMKeyConverter().getPrivateKey(info);
      }
      throw new IllegalArgumentException("not a PKCS#8 private key");
    } catch (IOException e) {
      throw new IllegalArgumentException("not a PEM private key: " + e.getMessage(), e);
    }
  }

  private static KeyPair keyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return generator.generateKeyPair();
  }

  private static X509v3CertificateBuilder builder(
      X500Name issuer, X500Name subject, KeyPair keys, Instant now, Duration validity) {
    return new JcaX509v3CertificateBuilder(
        issuer,
        new BigInteger(127, RANDOM),
        Date.from(now.minus(Duration.ofMinutes(5))),
        Date.from(now.plus(validity)),
        subject,
        keys.getPublic());
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair selfSigned)
      throws GeneralSecurityException, OperatorCreationException {
    return sign(builder, selfSigned.getPrivate(), null);
  }

  private static X509Certificate sign(
      X509v3CertificateBuilder builder, PrivateKey signer, X509Certificate issuer)
      throws GeneralSecurityException, OperatorCreationException {
    X509Certificate certificate =
        new JcaX509CertificateConverter()
            .getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(signer)));
    if (issuer != null) {
      certificate.verify(issuer.getPublicKey());
    }
    return certificate;
  }

  static String pem(Object object) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    } catch (IOException e) {
      throw new IllegalStateException("writing PEM failed", e);
    }
    return out.toString();
  }
}
