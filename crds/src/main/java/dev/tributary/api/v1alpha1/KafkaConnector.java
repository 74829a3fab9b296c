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

/** A connector on a KafkaConnect cluster in the same namespace. */
@Group(Tributary.GROUP)
@Version(Tributary.VERSION)
@Kind("KafkaConnector")
@Plural("kafkaconnectors")
@ShortNames("tkctr")
@Categories(Tributary.CATEGORY)
@AdditionalPrinterColumn(name = "Cluster", jsonPath = ".spec.clusterRef.name")
@AdditionalPrinterColumn(name = "Class", jsonPath = ".spec.class", priority = 1)
@AdditionalPrinterColumn(name = "State", jsonPath = ".status.connectorState")
@AdditionalPrinterColumn(name = "Tasks", jsonPath = ".status.tasksRunning")
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(
    name = "Reason",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason")
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class KafkaConnector extends CustomResource<KafkaConnectorSpec, KafkaConnectorStatus>
    implements Namespaced {

  @Override
  @JsonDeserialize(using = ReadSpec.class)
  public void setSpec(KafkaConnectorSpec spec) {
    super.setSpec(spec);
  }

  @Override
  @JsonDeserialize(using = ReadStatus.class)
  public void setStatus(KafkaConnectorStatus status) {
    super.setStatus(status);
  }

  @Override
  @JsonSerialize(using = RawWhenUnreadable.class)
  @JsonPropertyDescription(
      "The connector the user wants: its cluster, class, tasks, state and config.")
  public KafkaConnectorSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription(
      "What the operator observed of the connector in Connect, written by the operator only.")
  public KafkaConnectorStatus getStatus() {
    return super.getStatus();
  }

  /** A spec that cannot be read becomes an empty one that says why. */
  static final class ReadSpec extends LenientDeserializer<KafkaConnectorSpec> {
    ReadSpec() {
      super(KafkaConnectorSpec.class, "spec");
    }

    @Override
    protected KafkaConnectorSpec unreadable(JsonNode raw, String problem) {
      var spec = new KafkaConnectorSpec();
      spec.unreadable = problem;
      spec.unreadableJson = raw;
      // Kept when it can be read, so deleting the connector still finds its cluster.
      JsonNode cluster = raw.path("clusterRef").path("name");
      if (cluster.isTextual()) {
        spec.clusterRef = new ClusterRef(cluster.asText());
      }
      return spec;
    }
  }

  /** A status that cannot be read is dropped: the operator writes it anew. */
  static final class ReadStatus extends LenientDeserializer<KafkaConnectorStatus> {
    ReadStatus() {
      super(KafkaConnectorStatus.class, "status");
    }

    @Override
    protected KafkaConnectorStatus unreadable(JsonNode raw, String problem) {
      return null;
    }
  }
}
