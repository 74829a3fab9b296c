package dev.tributary.operator.connectpoll;

import dev.tributary.operator.connectapi.dto.ConnectorOverview;
import java.util.Map;

/**
 * One poll of a Connect cluster: every connector's config and status, or why there is none (the
 * connectors then are those of the last good poll).
 */
public record ClusterSnapshot(Map<String, ConnectorOverview> connectors, String error) {

  public boolean ok() {
    return error == null;
  }
}
