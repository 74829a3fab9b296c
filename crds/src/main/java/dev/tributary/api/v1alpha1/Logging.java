package dev.tributary.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.tributary.contract.SpecRules;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

/** The workers' log levels, changed on running workers without a roll. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Logging {

  @JsonPropertyDescription(
      "Log level per logger (a class or package name, or `root`): TRACE, DEBUG, INFO, WARN, ERROR,"
          + " FATAL or OFF. Applied to every worker through Connect's /admin/loggers with"
          + " scope=cluster, without a roll, and kept across pod restarts; a logger removed here"
          + " goes back to the root logger's level.")
  @ValidationRule(value = SpecRules.LOG_LEVELS_RULE, message = SpecRules.LOG_LEVELS_MESSAGE)
  public Map<String, String> loggers;
}
