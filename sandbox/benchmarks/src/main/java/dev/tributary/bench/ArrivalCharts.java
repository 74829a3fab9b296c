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
   */
  static void write(String title, Map<String, int[]> perSecond, int lead, Path png)
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
    var plot =
        new XYPlot(
            data,
            new NumberAxis("seconds since the action"),
            new NumberAxis("records arriving per second"),
            renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    var action = new ValueMarker(0, Color.DARK_GRAY, new BasicStroke(1.5f));
    action.setLabel(title);
    action.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
    action.setLabelTextAnchor(TextAnchor.TOP_LEFT);
    plot.addDomainMarker(action);
    var chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    ChartUtils.saveChartAsPNG(png.toFile(), chart, 900, 420);
  }
}
