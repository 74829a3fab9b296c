package dev.tributary.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import java.util.List;

/** TLS to the Kafka brokers, for the workers and every connector's clients. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KafkaTls {

  @JsonPropertyDescription(
      "CA certificates (PEM) to trust for the brokers, each a Secret key, e.g. Strimzi's"
          + " `{secretName: <cluster>-cluster-ca-cert, key: ca.crt}`. None: the JVM's default trust"
          + " store.")
  public List<SecretKeyRef> trustedCertificates;

  @JsonPropertyDescription(
      "Check that the broker's certificate names the host connected to. Default true.")
  @Default("true")
  public Boolean hostnameVerification = true;
}
