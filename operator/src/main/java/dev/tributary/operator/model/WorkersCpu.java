package dev.tributary.operator.model;

import java.util.List;
import java.util.Optional;

/** The process CPU load (0 to 1 of its processors) of the workers that told it. */
public record WorkersCpu(int reporting, double total) {

  public static Optional<WorkersCpu> of(List<Double> loads) {
    List<Double> known = loads.stream().filter(l -> l != null && l >= 0 && l <= 1).toList();
    return known.isEmpty()
        ? Optional.empty()
        : Optional.of(
            new WorkersCpu(known.size(), known.stream().mapToDouble(Double::doubleValue).sum()));
  }

  public double average() {
    return reporting == 0 ? 0 : total / reporting;
  }
}
