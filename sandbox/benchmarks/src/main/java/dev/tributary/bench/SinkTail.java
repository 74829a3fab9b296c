package dev.tributary.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Reads what the sink appended since the last look; remembers each task's latest arrival. */
final class SinkTail {
  private final Path file;
  private final List<String> lines = new ArrayList<>();
  private final Map<Integer, Long> latestArrival = new ConcurrentHashMap<>();
  private long position;
  private String partial = "";
  private long lastGrowth = System.currentTimeMillis();

  SinkTail(Path file) {
    this.file = file;
  }

  /** Every line the sink has written so far. */
  synchronized List<String> lines() {
    read();
    return List.copyOf(lines);
  }

  private synchronized void read() {
    try (var in = new RandomAccessFile(file.toFile(), "r")) {
      long length = in.length();
      if (length <= position) {
        return;
      }
      byte[] bytes = new byte[(int) (length - position)];
      in.seek(position);
      in.readFully(bytes);
      position = length;
      lastGrowth = System.currentTimeMillis();
      String text = partial + new String(bytes, StandardCharsets.UTF_8);
      int end = text.lastIndexOf('\n');
      partial = text.substring(end + 1);
      for (String line : text.substring(0, end + 1).split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        lines.add(line);
        String[] parts = line.split(" ");
        if (parts.length == 4) {
          latestArrival.merge(Integer.parseInt(parts[0]), Long.parseLong(parts[3]), Math::max);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every source task delivered within the last {@code millis}. */
  boolean allFlowing(int tasks, long millis) {
    read();
    long now = System.currentTimeMillis();
    for (int task = 0; task < tasks; task++) {
      Long latest = latestArrival.get(task);
      if (latest == null || now - latest > millis) {
        return false;
      }
    }
    return true;
  }

  boolean quietFor(long millis) {
    read();
    return System.currentTimeMillis() - lastGrowth > millis;
  }
}
