package dev.tributary.operator.metrics;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/** A gauge with one series per row, read at scrape time. */
final class Gauges {

  private Gauges() {}

  static <R> GaugeSnapshot of(
      String name,
      String help,
      Iterable<R> rows,
      Function<R, Labels> labels,
      ToDoubleFunction<R> value) {
    var builder = GaugeSnapshot.builder().name(name).help(help);
    for (R row : rows) {
      builder.dataPoint(
          GaugeSnapshot.GaugeDataPointSnapshot.builder()
              .labels(labels.apply(row))
              .value(value.applyAsDouble(row))
              .build());
    }
    return builder.build();
  }
}
