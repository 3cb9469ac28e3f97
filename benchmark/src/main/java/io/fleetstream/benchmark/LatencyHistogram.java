package io.fleetstream.benchmark;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cumulative buckets of one {@code fleet.record.latency} series as Prometheus exposes
 * them, summed over the other tags. Subtracting two scrapes gives the exact distribution
 * of the records written between them, to the resolution of the buckets.
 */
final class LatencyHistogram {

	private static final Pattern BUCKET = Pattern.compile("^fleet_record_latency_seconds_bucket\\{(.*)\\}\\s+(\\S+)");

	private final TreeMap<Double, Double> cumulative;

	private LatencyHistogram(TreeMap<Double, Double> cumulative) {
		this.cumulative = cumulative;
	}

	/**
	 * @param from the {@code from} tag: {@code event} or {@code broker}
	 */
	static LatencyHistogram parse(String exposition, String from) {
		TreeMap<Double, Double> cumulative = new TreeMap<>();
		for (String line : exposition.split("\n")) {
			Matcher bucket = BUCKET.matcher(line);
			if (bucket.find() && bucket.group(1).contains("from=\"" + from + "\"")) {
				double le = upperBound(bucket.group(1));
				cumulative.merge(le, Double.parseDouble(bucket.group(2)), Double::sum);
			}
		}
		return new LatencyHistogram(cumulative);
	}

	private static double upperBound(String labels) {
		Matcher le = Pattern.compile("le=\"([^\"]+)\"").matcher(labels);
		if (!le.find()) {
			throw new IllegalStateException("A bucket without le: " + labels);
		}
		return le.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le.group(1));
	}

	/** The records observed after {@code earlier} was scraped. */
	LatencyHistogram since(LatencyHistogram earlier) {
		TreeMap<Double, Double> delta = new TreeMap<>();
		this.cumulative.forEach((le, count) -> delta.put(le, count - earlier.cumulative.getOrDefault(le, 0.0)));
		return new LatencyHistogram(delta);
	}

	/**
	 * Records in the finite buckets. The {@code +Inf} bucket is left out: Micrometer
	 * fills it from the timer's count, read a moment after the buckets, so under load it
	 * holds a few records more than the largest finite bucket even when none is slower
	 * than that bucket; {@link #beyondLargestBucket} shows the difference.
	 */
	long count() {
		return Math.round(finite().lastEntry().getValue());
	}

	long beyondLargestBucket() {
		return Math.round(this.cumulative.lastEntry().getValue()) - count();
	}

	private TreeMap<Double, Double> finite() {
		TreeMap<Double, Double> finite = new TreeMap<>(this.cumulative.headMap(Double.POSITIVE_INFINITY));
		if (finite.isEmpty()) {
			finite.put(0.0, 0.0);
		}
		return finite;
	}

	/**
	 * The {@code q}-quantile of the finite buckets in milliseconds, interpolated linearly
	 * inside its bucket.
	 */
	double quantileMs(double q) {
		double target = q * count();
		double lowerLe = 0;
		double lowerCount = 0;
		for (Map.Entry<Double, Double> bucket : finite().entrySet()) {
			if (bucket.getValue() >= target && bucket.getValue() > 0) {
				double share = (target - lowerCount) / Math.max(1e-9, bucket.getValue() - lowerCount);
				return 1000 * (lowerLe + share * (bucket.getKey() - lowerLe));
			}
			lowerLe = bucket.getKey();
			lowerCount = bucket.getValue();
		}
		return Double.NaN;
	}

	/** The upper bound of the highest non-empty bucket, in milliseconds: max <= this. */
	double maxBoundMs() {
		double total = count();
		for (Map.Entry<Double, Double> bucket : finite().entrySet()) {
			if (bucket.getValue() >= total) {
				return 1000 * bucket.getKey();
			}
		}
		return Double.NaN;
	}

}
