package dev.tributary.worker.rest;

import dev.tributary.contract.WorkerContract;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import java.lang.management.ManagementFactory;
import java.util.Map;
import org.apache.kafka.connect.rest.ConnectRestExtensionContext;

/**
 * Serves {@link WorkerContract#TASK_LOAD_PATH}: this worker's tasks' batch sizes, batch times and
 * rates from Connect's own task metrics, and the process's CPU load. Connect's REST API has no
 * metrics; the operator reads these from every worker to tell how busy a task is, and so what one
 * task could move (DS2's true rate), without waiting for a backlog.
 */
public final class TaskLoadExtension extends PlainRestExtension {

  @Override
  public void register(ConnectRestExtensionContext context) {
    context.configurable().register(new Resource());
  }

  @Path(WorkerContract.TASK_LOAD_PATH)
  @Produces(MediaType.APPLICATION_JSON)
  public static final class Resource implements ContainerRequestFilter {
    /**
     * Nothing: a resource registered as an instance must also be a provider, or Jersey warns at
     * every start that it ignores it (Connect's own resources do the same, KAFKA-16093).
     */
    @Override
    public void filter(ContainerRequestContext request) {}

    @GET
    public Map<String, Object> taskLoad() {
      return TaskLoadReport.of(
          ManagementFactory.getPlatformMBeanServer(), ManagementFactory.getOperatingSystemMXBean());
    }
  }
}
