package dev.tributary.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.tributary.contract.SpecRules;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** How the workers and every connector's clients authenticate to Kafka. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = SpecRules.AUTH_TLS_RULE, message = SpecRules.AUTH_TLS_MESSAGE)
@ValidationRule(value = SpecRules.AUTH_PASSWORD_RULE, message = SpecRules.AUTH_PASSWORD_MESSAGE)
@ValidationRule(value = SpecRules.AUTH_OAUTH_RULE, message = SpecRules.AUTH_OAUTH_MESSAGE)
public class KafkaAuthentication {

  @JsonPropertyDescription(
      "tls (a client certificate), scram-sha-256, scram-sha-512, plain (a username and password)"
          + " or oauth (OAUTHBEARER with client credentials).")
  @Required
  public AuthenticationType type;

  @JsonPropertyDescription(
      "type tls: the client certificate (PEM), e.g. Strimzi's KafkaUser `{secretName: <user>, key:"
          + " user.crt}`.")
  public SecretKeyRef certificate;

  @JsonPropertyDescription(
      "type tls: the client certificate's private key (PEM, PKCS#8), e.g. `{secretName: <user>,"
          + " key: user.key}`.")
  public SecretKeyRef key;

  @JsonPropertyDescription("type scram-sha-256, scram-sha-512 or plain: the user name.")
  public String username;

  @JsonPropertyDescription(
      "type scram-sha-256, scram-sha-512 or plain: the password, e.g. Strimzi's KafkaUser"
          + " `{secretName: <user>, key: password}`.")
  public SecretKeyRef password;

  @JsonPropertyDescription("type oauth: the token endpoint, e.g. `https://sso.example/token`.")
  public String tokenEndpointUri;

  @JsonPropertyDescription("type oauth: the client id.")
  public String clientId;

  @JsonPropertyDescription("type oauth: the client secret.")
  public SecretKeyRef clientSecret;

  @JsonPropertyDescription("type oauth: the scope to ask for, if any.")
  public String scope;
}
