package dev.tributary.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.tributary.contract.SpecRules;
import io.fabric8.generator.annotation.Pattern;
import java.util.List;

/** JVM settings of each worker. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class JvmOptions {
  static final String SIZE = SpecRules.JVM_SIZE;

  @JsonPropertyDescription("Initial heap (-Xms), e.g. `256m`.")
  @Pattern(SIZE)
  public String xms;

  @JsonPropertyDescription("Maximum heap (-Xmx), e.g. `1g`.")
  @Pattern(SIZE)
  public String xmx;

  @JsonPropertyDescription("Further JVM options, e.g. `-XX:+UseG1GC`.")
  public List<String> options;
}
