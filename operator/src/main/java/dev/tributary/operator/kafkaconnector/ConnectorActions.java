package dev.tributary.operator.kafkaconnector;

import dev.tributary.api.Tributary.Reasons;
import dev.tributary.api.v1alpha1.ConfigError;
import dev.tributary.api.v1alpha1.KafkaConnector;
import dev.tributary.operator.connectapi.ConnectApi;
import dev.tributary.operator.connectapi.ConnectRestException;
import dev.tributary.operator.connectapi.dto.ConnectorOverview;
import dev.tributary.operator.connectpoll.ClusterPoller;
import dev.tributary.operator.model.ClusterNames;
import dev.tributary.operator.model.ClusterTerms;
import dev.tributary.operator.model.ConfigErrors;
import dev.tributary.operator.model.ConnectorPlan;
import dev.tributary.operator.model.ConnectorPlan.Action;
import dev.tributary.operator.model.ConnectorPlan.RestartHistory;
import dev.tributary.operator.model.ConnectorStatusModel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans a connector's next steps and carries them out against its cluster's REST API: validate a
 * new config first, then create, update, pause, resume, stop or restart, then look again.
 */
final class ConnectorActions {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectorActions.class);
  static final Duration WHILE_REBALANCING = Duration.ofSeconds(2);
  static final Duration WHILE_UNREACHABLE = Duration.ofSeconds(5);
  private static final java.util.regex.Pattern INVALID_VALUE =
      java.util.regex.Pattern.compile("Invalid value .*? for configuration ([^:\\s]+).*");

  /** Why the connector could not be brought to its spec now, and when to try again. */
  record Problem(String reason, String message, Duration retryAfter) {}

  /**
   * What came of it: Connect's connector after acting (null when absent), config errors that kept
   * the old config running, the restart history, and the topics when they were asked for. A
   * problem, when present, replaces all but the restart history.
   */
  record Outcome(
      ConnectorOverview observed,
      List<ConfigError> configErrors,
      RestartHistory restarts,
      List<String> topics,
      List<Action> done,
      Problem problem) {

    static Outcome problem(
        String reason,
        String message,
        Duration retryAfter,
        RestartHistory restarts,
        List<Action> done) {
      return new Outcome(
          null, List.of(), restarts, null, done, new Problem(reason, message, retryAfter));
    }
  }

  private ConnectorActions() {}

  static Outcome apply(
      KafkaConnector cr,
      ClusterTerms terms,
      ClusterPoller poller,
      RestartHistory restarts,
      Instant now) {
    String name = ClusterNames.connectorName(cr);
    ConnectApi api = poller.api();
    ConnectorOverview observed = poller.snapshot().connectors().get(name);
    List<Action> actions = ConnectorPlan.plan(cr, terms, observed, restarts, now);
    List<ConfigError> configErrors = List.of();
    List<Action> done = new ArrayList<>();
    try {
      if (actions.stream().anyMatch(ConnectorActions::changesConfig)) {
        configErrors = validate(api, cr, terms, poller.cluster().cluster());
        if (!configErrors.isEmpty()) {
          // The running config stays as it is; only the non-config actions go ahead.
          actions = actions.stream().filter(a -> !changesConfig(a)).toList();
        }
      }
      for (Action action : actions) {
        restarts = act(api, name, action, restarts, now);
        done.add(action);
      }
      if (!actions.isEmpty()) {
        observed = poller.poll().connectors().get(name);
      }
    } catch (ConnectRestException e) {
      if (e.isRebalanceInProgress()) {
        return Outcome.problem(
            Reasons.REBALANCING,
            "Connect is rebalancing: " + e.getMessage(),
            WHILE_REBALANCING,
            restarts,
            done);
      }
      if (e.isUnreachable()) {
        return Outcome.problem(
            Reasons.REST_API_UNREACHABLE, e.getMessage(), WHILE_UNREACHABLE, restarts, done);
      }
      throw e;
    }
    if (observed != null && ConnectorPlan.isHealthy(cr, observed)) {
      restarts = RestartHistory.NONE;
    }
    List<String> topics =
        ConnectorStatusModel.needsTopics(cr.getStatus(), observed) ? topicsOf(api, cr) : null;
    return new Outcome(observed, configErrors, restarts, topics, done, null);
  }

  private static boolean changesConfig(Action action) {
    return action instanceof Action.Create || action instanceof Action.Update;
  }

  private static List<ConfigError> validate(
      ConnectApi api, KafkaConnector cr, ClusterTerms terms, String cluster) {
    String connectorClass = cr.getSpec().connectorClass;
    try {
      return ConfigErrors.from(
          api.validateConfig(connectorClass, ConnectorPlan.desiredConfig(cr, terms)));
    } catch (ConnectRestException e) {
      if (e.status() == 404 || e.status() == 500 && e.getMessage().contains("find any class")) {
        // Connect's own answer lists every plugin descriptor it has, kilobytes of them.
        List<String> installed =
            api.connectorPlugins(true).stream().map(p -> p.className()).sorted().toList();
        return List.of(
            ConfigErrors.of(
                "class", ConfigErrors.notInstalled(connectorClass, cluster, installed)));
      }
      if (e.status() == 400) {
        return List.of(ConfigErrors.of("config", e.connectMessage()));
      }
      var invalid = INVALID_VALUE.matcher(e.connectMessage());
      if (e.status() == 500 && invalid.find()) {
        // Connect failed to validate a value it could not even load (a converter class, say).
        return List.of(
            ConfigErrors.of(invalid.group(1), invalid.group(0).lines().findFirst().orElse("")));
      }
      throw e;
    }
  }

  private static RestartHistory act(
      ConnectApi api, String name, Action action, RestartHistory restarts, Instant now) {
    LOG.info("connector {}: {}", name, action.getClass().getSimpleName());
    if (action instanceof Action.Create create) {
      api.createConnector(name, create.config(), create.initialState());
    } else if (action instanceof Action.Update update) {
      api.putConnectorConfig(name, update.config());
    } else if (action instanceof Action.Pause) {
      api.pauseConnector(name);
    } else if (action instanceof Action.Resume) {
      api.resumeConnector(name);
    } else if (action instanceof Action.Stop) {
      api.stopConnector(name);
    } else if (action instanceof Action.RestartTask task) {
      api.restartTask(name, task.task());
    } else if (action instanceof Action.Restart restart) {
      api.restartConnector(name, restart.includeTasks(), restart.onlyFailed());
      if (restart.automatic()) {
        return new RestartHistory(restarts.count() + 1, now);
      }
    }
    return restarts;
  }

  private static List<String> topicsOf(ConnectApi api, KafkaConnector cr) {
    try {
      return api.topics(ClusterNames.connectorName(cr)).orElse(null);
    } catch (ConnectRestException e) {
      // Topic tracking may be disabled on the workers; the status keeps what it had.
      return cr.getStatus() == null ? null : cr.getStatus().topics;
    }
  }
}
