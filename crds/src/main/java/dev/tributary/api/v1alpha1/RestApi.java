package dev.tributary.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Who may call the workers' Connect REST API, and how. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RestApi {

  @JsonPropertyDescription(
      "Serve the REST API over HTTPS with certificates of a CA the operator makes for this cluster"
          + " (Secret `<name>-connect-rest-ca`) and renews, and answer only clients holding a"
          + " certificate of that CA: the operator and the cluster's own workers. Probes reach"
          + " `/health` only. Changing it rolls the workers. Default false.")
  public Boolean tls;
}
