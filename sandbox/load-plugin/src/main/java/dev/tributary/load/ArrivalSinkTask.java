package dev.tributary.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;

/**
 * Writes {@code "<value> <arrivalMillis>"} per record before returning from {@code put}, so every
 * record whose offset Connect commits is on disk (at-least-once). Several tasks, on several
 * workers, append to one file: each batch is one append, which keeps lines whole.
 */
public final class ArrivalSinkTask extends SinkTask {

  private FileChannel file;
  private int rate;
  private int workerRate;

  @Override
  public void start(Map<String, String> props) {
    rate = Integer.parseInt(props.getOrDefault(ArrivalSinkConnector.TASK_RATE, "0"));
    workerRate = Integer.parseInt(props.getOrDefault(ArrivalSinkConnector.WORKER_RATE, "0"));
    try {
      file =
          FileChannel.open(
              Path.of(props.get(ArrivalSinkConnector.FILE)),
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void put(Collection<SinkRecord> records) {
    if (records.isEmpty()) {
      return;
    }
    // A destination that takes `rate` records a second from a task, and a worker that writes
    // `workerRate` a second for all its tasks: the batch takes its time to write.
    long waitNanos = rate > 0 ? records.size() * 1_000_000_000L / rate : 0;
    if (workerRate > 0) {
      waitNanos = Math.max(waitNanos, WorkerCapacity.reserve(records.size(), workerRate));
    }
    if (waitNanos > 0) {
      try {
        Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
      } catch (InterruptedException e) {
        // Stopping: the batch is still written, so no record Connect commits is lost (an
        // interrupt left set would close the file channel under the write).
      }
    }
    long arrival = System.currentTimeMillis();
    StringBuilder lines = new StringBuilder();
    for (SinkRecord record : records) {
      lines.append(record.value()).append(' ').append(arrival).append('\n');
    }
    try {
      ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
      while (bytes.hasRemaining()) {
        file.write(bytes);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void stop() {
    try {
      if (file != null) {
        file.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String version() {
    return "1";
  }
}
