package dev.tributary.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.tributary.api.LenientDeserializer;
import dev.tributary.api.RawWhenUnreadable;
import dev.tributary.api.Tributary;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A Kafka Connect cluster: a group of workers run as a StatefulSet. */
@Group(Tributary.GROUP)
@Version(Tributary.VERSION)
@Kind("KafkaConnect")
@Plural("kafkaconnects")
@ShortNames("tkc")
@Categories(Tributary.CATEGORY)
@AdditionalPrinterColumn(
    name = "Desired",
    jsonPath = ".spec.replicas",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Ready-Workers",
    jsonPath = ".status.readyReplicas",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(
    name = "Reason",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason")
@AdditionalPrinterColumn(
    name = "Connectors",
    jsonPath = ".status.connectors",
    type = AdditionalPrinterColumn.Type.INTEGER,
    priority = 1)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class KafkaConnect extends CustomResource<KafkaConnectSpec, KafkaConnectStatus>
    implements Namespaced {

  @Override
  @JsonDeserialize(using = ReadSpec.class)
  public void setSpec(KafkaConnectSpec spec) {
    super.setSpec(spec);
  }

  @Override
  @JsonDeserialize(using = ReadStatus.class)
  public void setStatus(KafkaConnectStatus status) {
    super.setStatus(status);
  }

  @Override
  @JsonSerialize(using = RawWhenUnreadable.class)
  @JsonPropertyDescription(
      "The Connect cluster the user wants: workers, mode, Kafka, config, plugins, pods.")
  public KafkaConnectSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription("What the operator observed, written by the operator only.")
  public KafkaConnectStatus getStatus() {
    return super.getStatus();
  }

  /** A spec that cannot be read becomes an empty one that says why. */
  static final class ReadSpec extends LenientDeserializer<KafkaConnectSpec> {
    ReadSpec() {
      super(KafkaConnectSpec.class, "spec");
    }

    @Override
    protected KafkaConnectSpec unreadable(JsonNode raw, String problem) {
      var spec = new KafkaConnectSpec();
      spec.unreadable = problem;
      spec.unreadableJson = raw;
      return spec;
    }
  }

  /** A status that cannot be read is dropped: the operator writes it anew. */
  static final class ReadStatus extends LenientDeserializer<KafkaConnectStatus> {
    ReadStatus() {
      super(KafkaConnectStatus.class, "status");
    }

    @Override
    protected KafkaConnectStatus unreadable(JsonNode raw, String problem) {
      return null;
    }
  }
}
