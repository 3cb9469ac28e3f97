package io.fleetstream.ingest.api;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.lettuce.core.GeoArgs;
import io.lettuce.core.GeoSearch;
import io.lettuce.core.GeoWithin;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import io.fleetstream.ingest.position.PositionKeys;

/**
 * Searches every shard's geo index at once and merges the answers, nearest first.
 * <p>
 * Each shard is asked for its {@code limit} nearest members
 * ({@code GEOSEARCH ... ASC COUNT
 * limit WITHDIST WITHCOORD}); the calls go out together and each touches one key, so they
 * work in Redis Cluster. The merged list cut to {@code limit} is exactly the nearest
 * {@code limit} overall. A box search returns a little more than the box: when a shard's
 * full answer lost members to the exact box filter, only that shard is asked again for
 * twice as many, until its answer is complete.
 */
final class GeoFanOut {

	private static final Comparator<GeoWithin<byte[]>> NEAREST_FIRST = Comparator
		.comparingDouble((GeoWithin<byte[]> hit) -> hit.getDistance())
		.thenComparing((hit) -> new String(hit.getMember(), StandardCharsets.UTF_8));

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
		if (searched == null) {
			return List.of();
		}
		GeoSearch.GeoRef<byte[]> centre = GeoSearch.fromCoordinates(searched.centreLng(), searched.centreLat());
		GeoSearch.GeoPredicate shape = shape(searched);
		Map<Integer, Integer> pending = new HashMap<>();
		for (int shard = 0; shard < this.keys.shardCount(); shard++) {
			pending.put(shard, limit);
		}
		List<GeoWithin<byte[]>> found = new ArrayList<>();
		while (!pending.isEmpty()) {
			List<Integer> shards = List.copyOf(pending.keySet());
			List<RedisFuture<List<GeoWithin<byte[]>>>> futures = new ArrayList<>();
			for (int shard : shards) {
				byte[] key = this.keys.geo(shard).getBytes(StandardCharsets.UTF_8);
				GeoArgs args = new GeoArgs().withDistance().withCoordinates().asc().withCount(pending.get(shard));
				futures.add(this.commands.geosearch(key, centre, shape, args));
			}
			List<List<GeoWithin<byte[]>>> answers = RedisReads.awaitAll(futures, this.timeout);
			for (int i = 0; i < shards.size(); i++) {
				int shard = shards.get(i);
				int asked = pending.remove(shard);
				List<GeoWithin<byte[]>> answer = answers.get(i);
				List<GeoWithin<byte[]>> inside = answer.stream().filter((hit) -> isInside(searched, hit)).toList();
				boolean mayHaveMore = answer.size() == asked && inside.size() < answer.size();
				if (mayHaveMore && inside.size() < limit) {
					pending.put(shard, asked * 2);
				}
				else {
					found.addAll(inside);
				}
			}
		}
		found.sort(NEAREST_FIRST);
		return (found.size() > limit) ? List.copyOf(found.subList(0, limit)) : found;
	}

	private static GeoSearch.GeoPredicate shape(SearchArea area) {
		if (area instanceof SearchArea.Circle circle) {
			return GeoSearch.byRadius(circle.radiusM(), GeoArgs.Unit.m);
		}
		GeoSearchBox cover = GeoSearchBox.covering((SearchArea.Box) area);
		return GeoSearch.byBox(cover.widthM(), cover.heightM(), GeoArgs.Unit.m);
	}

	private static boolean isInside(SearchArea area, GeoWithin<byte[]> hit) {
		return area.contains(hit.getCoordinates().getY().doubleValue(), hit.getCoordinates().getX().doubleValue());
	}

}
