package dev.tributary.sandbox.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.sandbox.process.Arrivals.TaskResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArrivalsTest {

  @Test
  void aSteadyStreamHasOnlyTheEmitIntervalAsGapAndNothingLostOrDuplicated() {
    var arrivals =
        Arrivals.parse(List.of("0 0 1000 1010", "0 1 1100 1110", "0 2 1200 1210", "0 3 1300 1310"));

    assertThat(arrivals.window(1000, 1310)).containsExactly(new TaskResult(0, 100, 100, 0, 0, 0));
  }

  @Test
  void aStalledTaskShowsItsStallAndARedeliveryCountsAsADuplicate() {
    var arrivals =
        Arrivals.parse(
            List.of(
                "0 0 1000 1010",
                "0 1 1100 1110",
                // the task moved: seq 1 emitted again from the last committed offset, 5 s later
                "0 1 6100 6120",
                "0 2 6200 6220",
                "1 0 1000 1005",
                "1 1 1100 1105",
                "1 2 1200 1205"));

    assertThat(arrivals.window(1000, 6220))
        .containsExactly(
            new TaskResult(0, 5110, 5100, 0, 1, 1), new TaskResult(1, 5015, 5020, 0, 0, 0));
  }

  @Test
  void aRecordTheSinkDeliversAgainIsADuplicateButNotAReemit() {
    var arrivals =
        Arrivals.parse(
            List.of(
                "0 0 1000 1010",
                "0 1 1100 1110",
                // the sink task moved and re-read seq 1 from its consumer's committed offset
                "0 1 1100 4000",
                // the source moved and emitted seq 1 again after its last committed offset
                "0 1 3900 4100"));

    assertThat(arrivals.window(1000, 4100))
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.duplicates()).isEqualTo(2);
              assertThat(t.reemitted()).isEqualTo(1);
            });
  }

  @Test
  void theLongestStallIsBoundedByTheLastArrivalBeforeItAndTheFirstNewOneAfter() {
    var arrivals =
        Arrivals.parse(
            List.of(
                "0 0 1000 1010",
                "0 1 1100 1110",
                "0 1 6100 6120",
                "0 2 6200 6220",
                "0 3 6300 6320",
                "1 0 1000 1005"));

    assertThat(arrivals.longestStall(0, 1000, 6400))
        .as("a redelivered record does not end the stall; the first new one does")
        .isEqualTo(new Arrivals.Gap(1110, 6220));
    assertThat(arrivals.longestStall(1, 1000, 6400).start()).isEqualTo(1005);
  }

  @Test
  void perSecondCountsFirstDeliveriesInTheirSecondSoAStallIsAnEmptySecond() {
    var arrivals =
        Arrivals.parse(
            List.of(
                "0 0 1000 1010",
                "0 1 1100 1500",
                "1 0 1000 1900",
                // nothing arrives in the second from 2000: the stall
                "0 1 1100 3100",
                "0 2 1200 3200"));

    assertThat(arrivals.perSecond(1000, 4000))
        .as("the redelivery of task 0's seq 1 is not counted again")
        .containsExactly(3, 0, 1);
    assertThat(arrivals.perSecond(1000, 3500))
        .as("a last, partial second is left out rather than shown as a drop")
        .containsExactly(3, 0);
  }

  @Test
  void aMissingSequenceNumberIsLostInTheWindowWhereItsPredecessorWasEmitted() {
    var arrivals = Arrivals.parse(List.of("0 0 1000 1010", "0 1 1100 1110", "0 3 1300 1310"));

    assertThat(arrivals.window(1000, 1310).get(0).lost()).isEqualTo(1);
    assertThat(arrivals.window(1200, 1310).get(0).lost()).isZero();
  }

  @Test
  void aTornLastLineIsSkipped() {
    assertThat(Arrivals.parse(List.of("0 0 1000 1010", "0 1 11")).size()).isEqualTo(1);
  }
}
