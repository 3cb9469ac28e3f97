package io.fleetstream.ingest.api;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.lettuce.core.GeoArgs;
import io.lettuce.core.GeoSearch;
import io.lettuce.core.GeoWithin;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import io.fleetstream.ingest.position.PositionKeys;

/**
 * Searches every shard's geo index at once and merges the answers, nearest first.
 * <p>
 * Cars are spread evenly over the shards by id, so the nearest {@code limit} overall are
 * about {@code limit / shards} per shard: each shard is first asked for a little more
 * than its share ({@code GEOSEARCH ... ASC COUNT n WITHDIST}), not for {@code limit},
 * which read and parsed {@code shards} times the answer (16,000 members for a 1,000-car
 * search). The merge is still exact: a shard whose answer was cut by its count can only
 * hold further members at or beyond the farthest one it returned, so it is asked again,
 * for twice as many, only while that farthest member is not beyond the current
 * {@code limit}-th nearest of the merged answer. A box search filters each answer by the
 * exact box (the index is searched over a covering box) and applies the same rule to what
 * is inside. Coordinates are read only for boxes, where the exact filter needs them.
 */
final class GeoFanOut {

	private static final Comparator<GeoWithin<byte[]>> NEAREST_FIRST = Comparator
		.comparingDouble((GeoWithin<byte[]> hit) -> hit.getDistance())
		.thenComparing((hit) -> new String(hit.getMember(), StandardCharsets.UTF_8));

	/**
	 * Extra members asked of every shard beyond its share, so an uneven spread rarely
	 * needs a second round.
	 */
	private static final int SLACK = 8;

	private final RedisClusterAsyncCommands<byte[], byte[]> commands;

	private final PositionKeys keys;

	private final Duration timeout;

	GeoFanOut(RedisClusterAsyncCommands<byte[], byte[]> commands, PositionKeys keys, Duration timeout) {
		this.commands = commands;
		this.keys = keys;
		this.timeout = timeout;
	}

	List<GeoWithin<byte[]>> search(SearchArea area, int limit) {
		SearchArea searched = (area instanceof SearchArea.Box box) ? box.indexable() : area;
		if (searched == null || limit <= 0) {
			return List.of();
		}
		boolean exactFilter = searched instanceof SearchArea.Box;
		GeoSearch.GeoRef<byte[]> centre = GeoSearch.fromCoordinates(searched.centreLng(), searched.centreLat());
		GeoSearch.GeoPredicate shape = shape(searched);
		int shards = this.keys.shardCount();
		ShardAnswer[] answers = new ShardAnswer[shards];
		int firstCount = Math.min(limit, ceilDiv(2 * limit, shards) + SLACK);
		List<Integer> pending = new ArrayList<>(shards);
		for (int shard = 0; shard < shards; shard++) {
			answers[shard] = new ShardAnswer(firstCount);
			pending.add(shard);
		}
		while (!pending.isEmpty()) {
			List<RedisFuture<List<GeoWithin<byte[]>>>> futures = new ArrayList<>(pending.size());
			for (int shard : pending) {
				byte[] key = this.keys.geo(shard).getBytes(StandardCharsets.UTF_8);
				GeoArgs args = new GeoArgs().withDistance().asc().withCount(answers[shard].asked);
				if (exactFilter) {
					args.withCoordinates();
				}
				futures.add(this.commands.geosearch(key, centre, shape, args));
			}
			List<List<GeoWithin<byte[]>>> replies = RedisReads.awaitAll(futures, this.timeout);
			for (int i = 0; i < pending.size(); i++) {
				answers[pending.get(i)].take(replies.get(i), searched, exactFilter);
			}
			List<GeoWithin<byte[]>> merged = merge(answers);
			double cutOff = (merged.size() >= limit) ? merged.get(limit - 1).getDistance() : Double.POSITIVE_INFINITY;
			pending = new ArrayList<>();
			for (int shard = 0; shard < shards; shard++) {
				if (answers[shard].mayHoldNearerThan(cutOff) && answers[shard].asked < limitFor(limit, exactFilter)) {
					answers[shard].asked = Math.min(answers[shard].asked * 2, limitFor(limit, exactFilter));
					pending.add(shard);
				}
			}
			if (pending.isEmpty()) {
				return (merged.size() > limit) ? List.copyOf(merged.subList(0, limit)) : merged;
			}
		}
		return List.of();
	}

	/**
	 * How many members one shard may be asked for: {@code limit} for a circle (its first
	 * {@code limit} are all inside); unbounded doubling for a box, whose covering search
	 * can return members outside the exact box.
	 */
	private static int limitFor(int limit, boolean exactFilter) {
		return exactFilter ? Integer.MAX_VALUE / 2 : limit;
	}

	private static List<GeoWithin<byte[]>> merge(ShardAnswer[] answers) {
		List<GeoWithin<byte[]>> merged = new ArrayList<>();
		for (ShardAnswer answer : answers) {
			merged.addAll(answer.inside);
		}
		merged.sort(NEAREST_FIRST);
		return merged;
	}

	private static int ceilDiv(int a, int b) {
		return (a + b - 1) / b;
	}

	private static GeoSearch.GeoPredicate shape(SearchArea area) {
		if (area instanceof SearchArea.Circle circle) {
			return GeoSearch.byRadius(circle.radiusM(), GeoArgs.Unit.m);
		}
		GeoSearchBox cover = GeoSearchBox.covering((SearchArea.Box) area);
		return GeoSearch.byBox(cover.widthM(), cover.heightM(), GeoArgs.Unit.m);
	}

	/**
	 * One shard's latest answer: what is inside the searched area, and whether its count
	 * cut it.
	 */
	private static final class ShardAnswer {

		int asked;

		List<GeoWithin<byte[]>> inside = List.of();

		boolean cut;

		double farthest;

		ShardAnswer(int asked) {
			this.asked = asked;
		}

		void take(List<GeoWithin<byte[]>> reply, SearchArea area, boolean exactFilter) {
			this.cut = reply.size() >= this.asked;
			this.farthest = reply.isEmpty() ? 0 : reply.get(reply.size() - 1).getDistance();
			this.inside = exactFilter ? reply.stream().filter((hit) -> isInside(area, hit)).toList() : reply;
		}

		/**
		 * Whether members this shard did not return could belong before {@code cutOff}:
		 * its unreturned members are at or beyond its farthest returned one, so equal
		 * distances count (ties are ordered by id).
		 */
		boolean mayHoldNearerThan(double cutOff) {
			return this.cut && this.farthest <= cutOff;
		}

		private static boolean isInside(SearchArea area, GeoWithin<byte[]> hit) {
			return area.contains(hit.getCoordinates().getY().doubleValue(), hit.getCoordinates().getX().doubleValue());
		}

	}

}
