package io.fleetstream.enrichment.snapshot;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RowVersionTests {

	@Test
	void olderCommitTimeIsOlderWhateverTheTransactionAndOffset() {
		assertThat(new RowVersion(100, 999, 999).isOlderThan(new RowVersion(101, 1, 1))).isTrue();
		assertThat(new RowVersion(101, 1, 1).isOlderThan(new RowVersion(100, 999, 999))).isFalse();
	}

	@Test
	void sameTimeIsOrderedByTransactionThenOffset() {
		assertThat(new RowVersion(100, 7, 50).isOlderThan(new RowVersion(100, 8, 10))).isTrue();
		assertThat(new RowVersion(100, 8, 10).isOlderThan(new RowVersion(100, 8, 11))).isTrue();
		assertThat(new RowVersion(100, 8, 11).isOlderThan(new RowVersion(100, 8, 10))).isFalse();
	}

	@Test
	void replayOfTheSameRecordIsNotOlder() {
		assertThat(new RowVersion(100, 8, 10).isOlderThan(new RowVersion(100, 8, 10))).isFalse();
	}

	@Test
	void anythingAppliesToARowNeverSeen() {
		assertThat(new RowVersion(0, 0, 0).isOlderThan(null)).isFalse();
	}

	@Test
	void encodedVersionReadsBack() {
		RowVersion version = new RowVersion(1764579600000001L, 42, 7);
		assertThat(version.encode()).isEqualTo("1764579600000001:42:7");
		assertThat(RowVersion.decode(version.encode())).isEqualTo(version);
	}

}
