package dev.tributary.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.api.v1alpha1.KafkaConnectSpec;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import org.junit.jupiter.api.Test;

class KafkaSecurityTest {

  static final ClusterNames NAMES = new ClusterNames("pipeline", "data");

  static KafkaConnectSpec spec(String yaml) {
    return WorkerResourcesTest.spec("bootstrapServers: kafka:9093\n" + yaml);
  }

  static final String STRIMZI_SCRAM_OVER_TLS =
      """
      tls:
        trustedCertificates:
          - {secretName: my-cluster-cluster-ca-cert, key: ca.crt}
      authentication:
        type: scram-sha-512
        username: connect
        password: {secretName: connect, key: password}
      """;

  @Test
  void scramOverTlsReachesTheWorkerAndEveryClientAsReferencesNeverValues() {
    var props = WorkerConfig.properties(NAMES, spec(STRIMZI_SCRAM_OVER_TLS));

    for (String prefix : new String[] {"", "producer.", "consumer.", "admin."}) {
      assertThat(props)
          .containsEntry(prefix + "security.protocol", "SASL_SSL")
          .containsEntry(prefix + "sasl.mechanism", "SCRAM-SHA-512")
          .containsEntry(
              prefix + "sasl.jaas.config",
              "org.apache.kafka.common.security.scram.ScramLoginModule required"
                  + " username=\"connect\""
                  + " password=\"${directory:/etc/tributary/secrets/connect:password}\";")
          .containsEntry(prefix + "ssl.truststore.type", "PEM")
          .containsEntry(
              prefix + "ssl.truststore.certificates",
              "${directory:/etc/tributary/secrets/my-cluster-cluster-ca-cert:ca.crt}");
    }
    assertThat(props)
        .containsEntry("config.providers", "secrets,directory")
        .containsEntry(
            "config.providers.directory.class",
            "org.apache.kafka.common.config.provider.DirectoryConfigProvider")
        .containsEntry("config.providers.directory.param.allowed.paths", "/etc/tributary/secrets");
  }

  @Test
  void theOperatorsOwnClientGetsTheValuesWithTheJaasPasswordEscaped() {
    var props =
        KafkaSecurity.resolvedClientProperties(
            spec(STRIMZI_SCRAM_OVER_TLS),
            ref -> ref.key.equals("password") ? "pa\"ss" : "-----BEGIN CERTIFICATE-----");
    assertThat(props)
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry(
            "sasl.jaas.config",
            "org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"connect\" password=\"pa\\\"ss\";")
        .containsEntry("ssl.truststore.certificates", "-----BEGIN CERTIFICATE-----");
    assertThat(props.values()).noneMatch(v -> v.contains("${"));
    assertThat(props.keySet()).noneMatch(k -> k.startsWith("config.providers"));
    assertThat(KafkaSecurity.resolvedClientProperties(spec(""), ref -> "x")).isEmpty();
  }

  @Test
  void theSecretsAreMountedReadOnlyWhereTheReferencesPoint() {
    StatefulSet sts =
        WorkerResources.statefulSet(NAMES, spec(STRIMZI_SCRAM_OVER_TLS), "image", "hash");
    var pod = sts.getSpec().getTemplate().getSpec();
    var worker = pod.getContainers().get(0);

    assertThat(pod.getVolumes())
        .filteredOn(v -> v.getSecret() != null)
        .extracting(v -> v.getSecret().getSecretName())
        .containsExactly("connect", "my-cluster-cluster-ca-cert");
    assertThat(worker.getVolumeMounts())
        .filteredOn(m -> m.getName().startsWith("kafka-secret-"))
        .extracting(m -> m.getMountPath() + " " + m.getReadOnly())
        .containsExactly(
            "/etc/tributary/secrets/connect true",
            "/etc/tributary/secrets/my-cluster-cluster-ca-cert true");
    assertThat(worker.getEnv())
        .extracting(EnvVar::getValue)
        .noneMatch(v -> v != null && v.contains("password"));
  }

  @Test
  void mutualTlsUsesThePemCertificateAndKeyAndNoSasl() {
    var props =
        WorkerConfig.properties(
            NAMES,
            spec(
                """
                tls:
                  trustedCertificates: [{secretName: ca, key: ca.crt}]
                  hostnameVerification: false
                authentication:
                  type: tls
                  certificate: {secretName: my-user, key: user.crt}
                  key: {secretName: my-user, key: user.key}
                """));

    assertThat(props)
        .containsEntry("security.protocol", "SSL")
        .containsEntry("consumer.ssl.keystore.type", "PEM")
        .containsEntry(
            "producer.ssl.keystore.certificate.chain",
            "${directory:/etc/tributary/secrets/my-user:user.crt}")
        .containsEntry(
            "admin.ssl.keystore.key", "${directory:/etc/tributary/secrets/my-user:user.key}")
        .containsEntry("ssl.endpoint.identification.algorithm", "")
        .doesNotContainKey("sasl.mechanism");
  }

  @Test
  void oauthUsesClientCredentialsAndAllowsItsTokenEndpoint() {
    var spec =
        spec(
            """
            tls: {}
            authentication:
              type: oauth
              tokenEndpointUri: https://sso.example/token
              clientId: connect
              clientSecret: {secretName: sso, key: secret}
              scope: kafka
            """);

    assertThat(WorkerConfig.properties(NAMES, spec))
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "OAUTHBEARER")
        .containsEntry("sasl.oauthbearer.token.endpoint.url", "https://sso.example/token")
        .containsEntry(
            "producer.sasl.jaas.config",
            "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required;")
        .containsEntry("consumer.sasl.oauthbearer.client.credentials.client.id", "connect")
        .containsEntry(
            "admin.sasl.oauthbearer.client.credentials.client.secret",
            "${directory:/etc/tributary/secrets/sso:secret}")
        .containsEntry("sasl.oauthbearer.scope", "kafka");
    assertThat(KafkaSecurity.javaOptions(spec))
        .contains("-Dorg.apache.kafka.sasl.oauthbearer.allowed.urls=https://sso.example/token");
  }

  @Test
  void plainWithoutTlsIsSaslPlaintextAndAUsersOwnProvidersAreKept() {
    var props =
        WorkerConfig.properties(
            NAMES,
            spec(
                """
                config: {config.providers: env, config.providers.env.class: org.apache.kafka.common.config.provider.EnvVarConfigProvider}
                authentication:
                  type: plain
                  username: 'a"b'
                  password: {secretName: s, key: p}
                """));

    assertThat(props)
        .containsEntry("security.protocol", "SASL_PLAINTEXT")
        .containsEntry("config.providers", "env,secrets,directory")
        .containsEntry(
            "sasl.jaas.config",
            "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"a\\\"b\""
                + " password=\"${directory:/etc/tributary/secrets/s:p}\";");
  }

  @Test
  void withoutTlsOrAuthenticationOnlyTheConnectorSecretProviderIsThere() {
    var props = WorkerConfig.properties(NAMES, spec(""));
    assertThat(props.keySet())
        .noneMatch(k -> k.contains("security") || k.contains("sasl") || k.contains("ssl."));
    assertThat(props)
        .containsEntry("config.providers", "secrets")
        .containsEntry(
            "config.providers.secrets.class", "io.strimzi.kafka.KubernetesSecretConfigProvider")
        .doesNotContainKey("config.providers.directory.class");
    assertThat(KafkaSecurity.volumes(spec(""))).isEmpty();
  }

  @Test
  void aLockedRestApiKeepsItsTlsSettingsToItself() {
    assertThat(
            SpecValidation.problems(
                spec(
                    "restApi: {tls: true}\nconfig: {admin.listeners: 'http://:8084',"
                        + " listeners.https.ssl.client.auth: none, linger.ms: '5'}")))
        .containsExactly(
            "spec.config.admin.listeners conflicts with spec.restApi.tls, which sets the REST API's"
                + " TLS itself: remove it",
            "spec.config.listeners.https.ssl.client.auth conflicts with spec.restApi.tls, which"
                + " sets the REST API's TLS itself: remove it");
    assertThat(SpecValidation.problems(spec("config: {admin.listeners: 'http://:8084'}")))
        .isEmpty();
  }

  @Test
  void conflictingKeysAndMissingFieldsAreNamed() {
    assertThat(
            SpecValidation.problems(
                spec(
                    STRIMZI_SCRAM_OVER_TLS
                        + "config: {producer.sasl.jaas.config: x, security.protocol: SSL, linger.ms: '5'}")))
        .containsExactly(
            "spec.config.producer.sasl.jaas.config conflicts with spec.tls and spec.authentication:"
                + " set it there",
            "spec.config.security.protocol conflicts with spec.tls and spec.authentication: set it"
                + " there");
    assertThat(
            SpecValidation.problems(
                spec("authentication: {type: scram-sha-256, password: {secretName: s}}")))
        .containsExactly(
            "spec.authentication.username is required for type scram-sha-256",
            "spec.authentication.password.key is required: the key in Secret 's'");
    assertThat(SpecValidation.problems(spec("authentication: {type: tls}")))
        .containsExactly(
            "spec.authentication.certificate.secretName is required: the Secret holding it",
            "spec.authentication.key.secretName is required: the Secret holding it");
    assertThat(
            SpecValidation.problems(
                spec("authentication: {type: oauth, tokenEndpointUri: sso, clientId: c}")))
        .containsExactly(
            "spec.authentication.tokenEndpointUri must be an http(s) URL",
            "spec.authentication.clientSecret.secretName is required: the Secret holding it");
    assertThat(SpecValidation.problems(spec("tls: {trustedCertificates: [{key: ca.crt}]}")))
        .containsExactly(
            "spec.tls.trustedCertificates[0].secretName is required: the Secret holding it");
    assertThat(SpecValidation.problems(spec("config: {security.protocol: SSL}")))
        .as("without spec.tls or spec.authentication, spec.config may still say it")
        .isEmpty();
  }

  @Test
  void privatePluginSourcesReachFetchPluginsAsSecretReferencesOnly() {
    var spec =
        spec(
            """
            pluginRepositories:
              - {name: corp, url: 'https://nexus.example/maven/', mirrorOf: central, username: ci,
                 password: {secretName: nexus, key: password}}
            plugins:
              - name: private-sink
                artifacts:
                  - type: url
                    url: https://artifacts.example/sink.jar
                    sha512: %s
                    authentication: {type: bearer, secret: {secretName: artifacts, key: token}}
            """
                .formatted("a".repeat(128)));
    var init =
        WorkerResources.statefulSet(NAMES, spec, "image", "hash")
            .getSpec()
            .getTemplate()
            .getSpec()
            .getInitContainers()
            .get(0);

    assertThat(init.getEnv())
        .filteredOn(e -> e.getName().equals("TRIBUTARY_MAVEN_REPOSITORIES"))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.getValue())
                    .contains("\"mirrorOf\":\"central\"")
                    .contains("\"secretName\":\"nexus\""));
    assertThat(init.getEnv())
        .filteredOn(e -> e.getValueFrom() != null)
        .extracting(
            e ->
                e.getValueFrom().getSecretKeyRef().getName()
                    + "/"
                    + e.getValueFrom().getSecretKeyRef().getKey())
        .containsExactlyInAnyOrder("nexus/password", "artifacts/token");
    assertThat(init.getEnv())
        .filteredOn(e -> e.getValueFrom() != null)
        .extracting(EnvVar::getName)
        .contains(
            dev.tributary.contract.WorkerContract.secretEnv("nexus", "password"),
            dev.tributary.contract.WorkerContract.secretEnv("artifacts", "token"));
    assertThat(PluginSources.references(spec))
        .containsOnlyKeys(
            "spec.pluginRepositories[0].password",
            "spec.plugins[0].artifacts[0].authentication.secret");
    assertThat(
            SpecValidation.problems(
                spec(
                    """
                    pluginRepositories: [{name: corp, url: 'ftp://x'}]
                    plugins:
                      - name: p
                        artifacts:
                          - {type: maven, group: g, artifact: a, version: '1',
                             authentication: {type: basic, secret: {secretName: s, key: k}}}
                    """)))
        .contains(
            "spec.pluginRepositories[0].url must be an http(s) URL",
            "spec.plugins[0].artifacts[0].authentication is for type url: give a Maven"
                + " repository's credentials in spec.pluginRepositories",
            "spec.plugins[0].artifacts[0].authentication.username is required for type basic");
  }
}
