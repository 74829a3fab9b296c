package dev.tributary.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/**
 * Emits {@code "<task> <seq> <emitMillis>"} to partition {@code task}. Sequence numbers come from
 * the committed offset, so a task that moves resumes where its offsets say: a record emitted but
 * not committed before a crash is emitted again (at-least-once), never skipped.
 */
public final class SequenceSourceTask extends SourceTask {

  private String topic;
  private int task;
  private double intervalMillis;
  private long originStart;
  private Map<String, Integer> partition;
  private long nextSeq;

  @Override
  public void start(Map<String, String> props) {
    var config = SequenceSourceConnector.CONFIG.parse(props);
    topic = (String) config.get(SequenceSourceConnector.TOPIC);
    task = Integer.parseInt(props.get(SequenceSourceConnector.TASK_ID));
    intervalMillis = 1000.0 / (Integer) config.get(SequenceSourceConnector.RATE);
    originStart = Long.parseLong(props.get(SequenceSourceConnector.ORIGIN_START));
    partition = Map.of("task", task);
    Map<String, Object> offset = context.offsetStorageReader().offset(partition);
    nextSeq = offset == null ? 0 : ((Number) offset.get("seq")).longValue() + 1;
  }

  @Override
  public List<SourceRecord> poll() throws InterruptedException {
    long wait = dueMillis(nextSeq) - System.currentTimeMillis();
    if (wait > 0) {
      Thread.sleep(wait);
    }
    // Everything the origin holds by now, in batches: a task that was stopped catches up.
    List<SourceRecord> records = new ArrayList<>();
    long now = System.currentTimeMillis();
    while (dueMillis(nextSeq) <= now && records.size() < 500) {
      records.add(
          new SourceRecord(
              partition,
              Map.of("seq", nextSeq),
              topic,
              task,
              Schema.STRING_SCHEMA,
              Integer.toString(task),
              Schema.STRING_SCHEMA,
              task + " " + nextSeq + " " + now));
      nextSeq++;
    }
    return records;
  }

  private long dueMillis(long seq) {
    return originStart + (long) (seq * intervalMillis);
  }

  @Override
  public void stop() {}

  @Override
  public String version() {
    return "1";
  }
}
