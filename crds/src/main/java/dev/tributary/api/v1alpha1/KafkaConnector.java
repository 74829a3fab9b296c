package dev.tributary.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
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
@AdditionalPrinterColumn(name = "Tasks", jsonPath = ".status.tasks[*].state")
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(
    name = "Reason",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason",
    priority = 1)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class KafkaConnector extends CustomResource<KafkaConnectorSpec, KafkaConnectorStatus>
    implements Namespaced {

  @Override
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
}
