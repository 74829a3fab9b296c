package dev.tributary.worker.rest;

import dev.tributary.contract.WorkerContract;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;

/**
 * Serves {@link WorkerContract#BACKLOG_PATH}: the sum of an attribute over this worker's MBeans
 * that match a pattern, which the operator asks of every worker running a task of a source
 * connector whose backlog its tasks report.
 */
@Path(WorkerContract.BACKLOG_PATH)
@Produces(MediaType.APPLICATION_JSON)
public final class BacklogResource {

  @GET
  public Map<String, Object> backlog(
      @QueryParam("mbean") List<String> mbeans, @QueryParam("attribute") String attribute) {
    try {
      return MBeanSum.of(ManagementFactory.getPlatformMBeanServer(), mbeans, attribute);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(e.getMessage());
    }
  }
}
