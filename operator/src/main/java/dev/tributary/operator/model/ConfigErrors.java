package dev.tributary.operator.model;

import dev.tributary.api.v1alpha1.ConfigError;
import dev.tributary.operator.connectapi.dto.ConfigValidation;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Connect's verdict on a connector config, as the field-level errors status shows. */
public final class ConfigErrors {
  private ConfigErrors() {}

  /** Every key Connect's validation flagged, with its messages; empty when the config is valid. */
  public static List<ConfigError> from(ConfigValidation validation) {
    List<ConfigError> errors = new ArrayList<>();
    if (validation == null || validation.errorCount() == 0 || validation.configs() == null) {
      return errors;
    }
    for (var result : validation.configs()) {
      if (result.value() != null
          && result.value().errors() != null
          && !result.value().errors().isEmpty()) {
        String key = result.value().name();
        errors.add(
            of(
                ConnectorPlan.VERSION_KEY.equals(key) ? "spec.version" : key,
                String.join("; ", result.value().errors())));
      }
    }
    return errors;
  }

  public static ConfigError of(String field, String message) {
    var error = new ConfigError();
    error.field = field;
    error.message = message;
    return error;
  }

  /** What to tell a user whose connector class the cluster does not have. */
  public static String notInstalled(String connectorClass, String cluster, List<String> installed) {
    return connectorClass
        + " is not installed on KafkaConnect '"
        + cluster
        + "'; installed connector classes: "
        + (installed.isEmpty() ? "none" : String.join(", ", installed))
        + " (add its plugin with spec.plugins on the KafkaConnect)";
  }

  /** One line for the Ready condition. */
  public static String message(List<ConfigError> errors) {
    return "Connect rejected the config; nothing was changed in Connect: "
        + errors.stream().map(e -> e.field + ": " + e.message).collect(Collectors.joining("; "));
  }
}
