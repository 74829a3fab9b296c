package dev.tributary.bench.scale;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Charts of the operator's cost against the number of connectors (JFreeChart, PNG). */
final class Charts {

  static {
    System.setProperty("java.awt.headless", "true");
  }

  /** Colours that stay apart on white and in grey print. */
  static final Color[] PALETTE = {
    new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd)
  };

  private Charts() {}

  static void operatorCost(List<ScaleResult> results, Path png) throws IOException {
    var heap = new XYSeries("heap after GC (MiB)");
    var rss = new XYSeries("process RSS (MiB)");
    var cpu = new XYSeries("idle CPU (% of one core)");
    var p99 = new XYSeries("apply → Ready p99 (s)");
    var failure = new XYSeries("task failure → status p99 (s)");
    for (ScaleResult r : results) {
      heap.add(r.connectors(), r.heapMiB());
      rss.add(r.connectors(), r.rssMiB());
      cpu.add(r.connectors(), r.idleCpuShare() * 100);
      p99.add(r.connectors(), ScaleResult.percentile(r.applyToReady(), 99));
      failure.add(r.connectors(), ScaleResult.percentile(r.failureToStatus(), 99));
    }
    var combined =
        new CombinedDomainXYPlot(new NumberAxis("KafkaConnectors (50 per KafkaConnect)"));
    combined.add(plot("MiB", heap, rss), 2);
    combined.add(plot("%", cpu), 1);
    combined.add(plot("seconds", p99, failure), 1);
    var chart =
        new JFreeChart(
            "Operator cost against connectors (Connect REST simulator)",
            JFreeChart.DEFAULT_TITLE_FONT,
            combined,
            true);
    chart.setBackgroundPaint(Color.WHITE);
    ChartUtils.saveChartAsPNG(png.toFile(), chart, 900, 700);
  }

  private static XYPlot plot(String axis, XYSeries... series) {
    var data = new XYSeriesCollection();
    for (XYSeries s : series) {
      data.addSeries(s);
    }
    var renderer = new XYLineAndShapeRenderer(true, true);
    for (int i = 0; i < series.length; i++) {
      renderer.setSeriesStroke(i, new BasicStroke(2f));
      renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
    }
    var range = new NumberAxis(axis);
    range.setAutoRangeIncludesZero(true);
    var plot = new XYPlot(data, null, range, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    return plot;
  }
}
