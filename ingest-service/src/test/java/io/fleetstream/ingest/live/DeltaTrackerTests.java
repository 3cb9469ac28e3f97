package io.fleetstream.ingest.live;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.fleetstream.ingest.position.PackedPosition;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live feed's delta rule without Redis: which cars a poll reads and sends.
 */
class DeltaTrackerTests {

	private static final long NOW = 1_763_800_000_000L;

	private static final long OVERLAP = 10_000;

	private final DeltaTracker tracker = new DeltaTracker(2, OVERLAP);

	@Test
	void theFirstPollOfAShardReadsEveryCar() {
		assertThat(this.tracker.lowerBound(0, NOW)).isEqualTo(Double.NEGATIVE_INFINITY);
		assertThat(this.tracker.changed(0, List.of(seen("a", NOW - 3_600_000), seen("b", NOW)))).containsExactly("a",
				"b");
	}

	@Test
	void aCarIsReadOnlyWhenItsLastSeenTimeIsNewerThanWhatWasSent() {
		this.tracker.changed(0, List.of(seen("a", NOW)));
		assertThat(this.tracker.accept("a", position(NOW))).isTrue();

		assertThat(this.tracker.changed(0, List.of(seen("a", NOW)))).isEmpty();
		assertThat(this.tracker.changed(0, List.of(seen("a", NOW + 1)))).containsExactly("a");
	}

	@Test
	void aPositionNoNewerThanTheOneSentIsNotSentAgain() {
		assertThat(this.tracker.accept("a", position(NOW))).isTrue();
		assertThat(this.tracker.accept("a", position(NOW))).isFalse();
		assertThat(this.tracker.accept("a", position(NOW - 1))).isFalse();
		assertThat(this.tracker.fleet().get("a").ts()).isEqualTo(NOW);
	}

	@Test
	void theWindowReachesOverlapBehindTheNewestLastSeenTime() {
		this.tracker.changed(0, List.of(seen("a", NOW)));

		assertThat(this.tracker.lowerBound(0, NOW + 500)).isEqualTo(NOW - OVERLAP);
		// the other shard has its own cursor
		assertThat(this.tracker.lowerBound(1, NOW)).isEqualTo(Double.NEGATIVE_INFINITY);
	}

	@Test
	void aLateWriteOfANewerFixWithinTheOverlapIsRead() {
		// b reported long ago, then a (same shard) reports now: the cursor is at now
		this.tracker.changed(0, List.of(seen("b", NOW - 60_000), seen("a", NOW)));
		this.tracker.accept("b", position(NOW - 60_000));
		this.tracker.accept("a", position(NOW));
		// a lagging consumer now writes b's fix of 4 s ago: behind the cursor, but newer
		// than b's last one, and inside the window
		double lower = this.tracker.lowerBound(0, NOW + 1000);
		assertThat((double) (NOW - 4000)).isGreaterThanOrEqualTo(lower);
		assertThat(this.tracker.changed(0, List.of(seen("b", NOW - 4000), seen("a", NOW)))).containsExactly("b");
	}

	@Test
	void aDeviceClockAheadCannotMoveTheWindowPastThePresent() {
		this.tracker.changed(0, List.of(seen("future", NOW + 3_600_000)));

		assertThat(this.tracker.lowerBound(0, NOW)).isEqualTo(NOW - OVERLAP);
	}

	@Test
	void aFullComparisonForgetsCarsNoLongerStored() {
		this.tracker.accept("a", position(NOW));
		this.tracker.accept("b", position(NOW));

		assertThat(this.tracker.retainOnly(Set.of("b"))).containsExactly("a");
		assertThat(this.tracker.fleet()).containsOnlyKeys("b");
	}

	private static DeltaTracker.Seen seen(String car, long ts) {
		return new DeltaTracker.Seen(car, ts);
	}

	private static PackedPosition position(long ts) {
		return new PackedPosition(ts, 37.5, 127.0, 10.0, null);
	}

}
