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
 * rates from Connect's own task metrics, each sink task's share of the last seconds spent working
 * (from samples of its thread), and the process's CPU load; and {@link
 * WorkerContract#BACKLOG_PATH}, a source's backlog from its tasks' MBeans ({@link
 * BacklogResource}). Connect's REST API has no metrics; the operator reads these from every worker
 * to tell how busy a task is, and so what one task could move (DS2's true rate), without waiting
 * for a backlog.
 */
public final class TaskLoadExtension extends PlainRestExtension {

  private SinkTaskSampler sampler;

  @Override
  public void register(ConnectRestExtensionContext context) {
    sampler =
        new SinkTaskSampler(
                ManagementFactory.getPlatformMBeanServer(), ManagementFactory.getThreadMXBean())
            .start();
    context.configurable().register(new Resource(sampler));
    context.configurable().register(BacklogResource.class);
  }

  @Override
  public void close() {
    if (sampler != null) {
      sampler.close();
    }
  }

  @Path(WorkerContract.TASK_LOAD_PATH)
  @Produces(MediaType.APPLICATION_JSON)
  public static final class Resource implements ContainerRequestFilter {
    private final SinkTaskSampler sampler;

    Resource(SinkTaskSampler sampler) {
      this.sampler = sampler;
    }

    /**
     * Nothing: a resource registered as an instance must also be a provider, or Jersey warns at
     * every start that it ignores it (Connect's own resources do the same, KAFKA-16093).
     */
    @Override
    public void filter(ContainerRequestContext request) {}

    @GET
    public Map<String, Object> taskLoad() {
      return TaskLoadReport.of(
          ManagementFactory.getPlatformMBeanServer(),
          ManagementFactory.getOperatingSystemMXBean(),
          sampler);
    }
  }
}
