package io.fleetstream.local.simulator.car;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SignalsTests {

	private final Signals signals = new Signals();

	@Test
	void theFirstReportCarriesEverySignalTheCarHasThenOnlyChanges() {
		this.signals.set(Signal.ENGINE_ON, false);
		this.signals.set(Signal.SPEED_KMH, 0);
		assertThat(this.signals.due(0)).containsExactly(Signal.ENGINE_ON, Signal.SPEED_KMH);
		assertThat(this.signals.due(1000)).isEmpty();
		this.signals.set(Signal.ENGINE_ON, true);
		assertThat(this.signals.due(2000)).containsExactly(Signal.ENGINE_ON);
	}

	@Test
	void continuousSignalsAreReportedBeyondTheirDeadBandAndNotMoreOftenThanTheInterval() {
		this.signals.set(Signal.SPEED_KMH, 0);
		this.signals.due(0);
		this.signals.set(Signal.SPEED_KMH, 4);
		assertThat(this.signals.due(10_000)).as("within the dead band").isEmpty();
		this.signals.set(Signal.SPEED_KMH, 30);
		assertThat(this.signals.due(11_000)).containsExactly(Signal.SPEED_KMH);
		this.signals.set(Signal.SPEED_KMH, 50);
		assertThat(this.signals.due(12_000)).as("too soon after the last report").isEmpty();
		assertThat(this.signals.due(11_000 + Signals.MIN_CONTINUOUS_INTERVAL_MS)).containsExactly(Signal.SPEED_KMH);
	}

	@Test
	void aDiscreteChangeIsReportedAtOnceWithTheContinuousOnesThatMoved() {
		this.signals.set(Signal.SPEED_KMH, 0);
		this.signals.set(Signal.LOCKED, true);
		this.signals.due(0);
		this.signals.set(Signal.SPEED_KMH, 30);
		this.signals.due(1000);
		this.signals.set(Signal.SPEED_KMH, 60);
		this.signals.set(Signal.LOCKED, false);
		assertThat(this.signals.due(2000)).containsExactly(Signal.LOCKED, Signal.SPEED_KMH);
	}

	@Test
	void everythingIsReportedAgainAfterTheFullReportInterval() {
		this.signals.set(Signal.ENGINE_ON, false);
		this.signals.set(Signal.LOCKED, true);
		this.signals.due(0);
		assertThat(this.signals.due(Signals.FULL_REPORT_INTERVAL_MS)).containsExactly(Signal.ENGINE_ON, Signal.LOCKED);
	}

	@Test
	void aSignalTheCarDoesNotHaveIsNeverReported() {
		this.signals.set(Signal.ENGINE_ON, true);
		assertThat(this.signals.due(0)).doesNotContain(Signal.FUEL_LEVEL_PCT, Signal.LANE_CAMERA_CALIBRATED);
	}

}
