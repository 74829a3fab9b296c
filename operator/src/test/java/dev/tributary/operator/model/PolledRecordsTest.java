package dev.tributary.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PolledRecordsTest {

  @Test
  void countsGoOnAcrossARestartAndAMoveAndANewTask() {
    PolledRecords polled = new PolledRecords();
    double start = polled.add(Map.of("0@a", 1000.0, "1@b", 500.0));

    assertThat(polled.add(Map.of("0@a", 1300.0, "1@b", 700.0)) - start).isEqualTo(500);
    // Task 0 restarted on its worker (counts from 0), task 1 moved to worker c, task 2 is new.
    assertThat(polled.add(Map.of("0@a", 40.0, "1@c", 60.0, "2@a", 10.0)) - start).isEqualTo(610);
    assertThat(polled.add(Map.of("0@a", 140.0, "1@c", 160.0, "2@a", 110.0)) - start).isEqualTo(910);
  }
}
