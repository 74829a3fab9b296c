package dev.tributary.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Records arriving per second around an action, one line per setup (JFreeChart, PNG). */
final class ArrivalCharts {

  static {
    System.setProperty("java.awt.headless", "true");
  }

  private static final Color[] PALETTE = {
    new Color(0xd62728), new Color(0x1f77b4), new Color(0x2ca02c), new Color(0x9467bd)
  };

  private ArrivalCharts() {}

  /**
   * @param perSecond records arriving in each second, by setup; second 0 starts {@code lead}
   *     seconds before the action
   * @param seconds how long after the action the chart shows
   * @param maxRate the top of the rate axis: catch-up bursts above it are cut off, so the steady
   *     flow and its dips stay readable
   */
  static void write(
      String title, Map<String, int[]> perSecond, int lead, int seconds, int maxRate, Path png)
      throws IOException {
    var data = new XYSeriesCollection();
    for (var setup : perSecond.entrySet()) {
      var series = new XYSeries(setup.getKey());
      int[] counts = setup.getValue();
      for (int second = 0; second < counts.length; second++) {
        series.add(second - lead, counts[second]);
      }
      data.addSeries(series);
    }
    var renderer = new XYLineAndShapeRenderer(true, false);
    for (int i = 0; i < perSecond.size(); i++) {
      renderer.setSeriesStroke(i, new BasicStroke(2f));
      renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
    }
    var time = new NumberAxis("seconds since the action");
    time.setRange(-lead, seconds);
    var rate = new NumberAxis("records arriving per second (bursts above " + maxRate + " cut off)");
    rate.setRange(0, maxRate);
    var plot = new XYPlot(data, time, rate, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    var action = new ValueMarker(0, Color.DARK_GRAY, new BasicStroke(1.5f));
    action.setLabel(title);
    action.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
    action.setLabelTextAnchor(TextAnchor.TOP_LEFT);
    plot.addDomainMarker(action);
    var chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    chart.addSubtitle(
        new org.jfree.chart.title.TextTitle(
            "a line at 0 up to the right edge is still stalled there"));
    chart.setBackgroundPaint(Color.WHITE);
    ChartUtils.saveChartAsPNG(png.toFile(), chart, 900, 420);
  }

  /** The same series as CSV, one column per setup, so the chart can be drawn again. */
  static void writeCsv(Map<String, int[]> perSecond, int lead, Path csv) throws IOException {
    var text = new StringBuilder("second");
    perSecond.keySet().forEach(setup -> text.append(",\"").append(setup).append('"'));
    text.append('\n');
    int length = perSecond.values().stream().mapToInt(counts -> counts.length).max().orElse(0);
    for (int second = 0; second < length; second++) {
      text.append(second - lead);
      for (int[] counts : perSecond.values()) {
        text.append(',').append(second < counts.length ? String.valueOf(counts[second]) : "");
      }
      text.append('\n');
    }
    java.nio.file.Files.writeString(csv, text);
  }
}
