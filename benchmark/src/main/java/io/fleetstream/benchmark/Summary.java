package io.fleetstream.benchmark;

import java.util.stream.Stream;

/**
 * The figures side by side, against the targets of DESIGN.md. A phase that was not run is
 * {@code null} and left out.
 *
 * @param a end to end
 * @param b raw ceiling
 * @param c naive per-record consumer
 * @param d steady-load latency
 * @param e the reference design's consumer (pipelined GEOADD, auto-commit)
 * @param f a per-record synchronous listener (one blocking GEOADD per record)
 */
record Summary(ThroughputResult a, ThroughputResult b, ThroughputResult c, SteadyLatencyPhase.Outcome d,
		ThroughputResult e, ThroughputResult f) {

	/**
	 * @return whether every throughput phase that ran was verified in Redis
	 */
	boolean print(Report report) {
		report.line("summary");
		if (this.a != null) {
			report.line("    (a) end to end         %,10.0f fixes/s   target >= 100,000: %s", this.a.fixesPerSecond(),
					Report.verdict(this.a.fixesPerSecond() >= 100_000));
		}
		if (this.b != null) {
			report.line("    (b) raw Redis ceiling  %,10.0f fixes/s", this.b.fixesPerSecond());
		}
		if (this.c != null) {
			report.line("    (c) naive per-record   %,10.0f fixes/s", this.c.fixesPerSecond());
		}
		if (this.e != null) {
			report.line("    (e) reference design   %,10.0f fixes/s   (GEOADD only: unordered, at-most-once)",
					this.e.fixesPerSecond());
		}
		if (this.f != null) {
			report.line("    (f) per-record sync    %,10.0f fixes/s   (GEOADD only)", this.f.fixesPerSecond());
		}
		if (this.a != null && this.b != null) {
			report.line("    (a)/(b) = %.2f", this.a.fixesPerSecond() / this.b.fixesPerSecond());
		}
		if (this.a != null && this.c != null) {
			double ratio = this.a.fixesPerSecond() / this.c.fixesPerSecond();
			report.line("    (a)/(c) = %.1f   target >= 10: %s", ratio, Report.verdict(ratio >= 10));
		}
		if (this.a != null && this.e != null) {
			double ratio = this.a.fixesPerSecond() / this.e.fixesPerSecond();
			report.line("    (a)/(e) = %.2f   target >= 1.0: %s", ratio, Report.verdict(ratio >= 1.0));
		}
		if (this.a != null && this.f != null) {
			double ratio = this.a.fixesPerSecond() / this.f.fixesPerSecond();
			report.line("    (a)/(f) = %.1f   target >= 10: %s", ratio, Report.verdict(ratio >= 10));
		}
		if (this.d != null && this.d.fromEvent().count() > 0) {
			double p99 = this.d.fromEvent().quantileMs(0.99);
			report.line("    (d) p50 %.1f ms, p99 %.1f ms, max <= %.0f ms at %,.0f fixes/s   target p99 < 50 ms: %s",
					this.d.fromEvent().quantileMs(0.5), p99, this.d.fromEvent().maxBoundMs(),
					this.d.producedPerSecond(), Report.verdict(p99 < 50));
		}
		boolean verified = Stream.of(this.a, this.b, this.c, this.e, this.f)
			.filter((result) -> result != null)
			.allMatch((result) -> result.check().passed());
		report.line("    every throughput phase verified in Redis: %s", verified ? "yes" : "NO");
		return verified;
	}

}
