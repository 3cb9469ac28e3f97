package io.fleetstream.benchmark;

import java.util.List;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import io.fleetstream.common.gps.GpsFix;
import io.fleetstream.common.redis.AsyncRedis;
import io.fleetstream.ingest.IngestProperties;
import io.fleetstream.ingest.position.PositionKeys;
import io.fleetstream.ingest.position.PositionWriter;

/**
 * Creates ingest-service's own {@link PositionWriter} (same script, same batching) for
 * the phases that call it directly, the raw ceiling (b) and the naive consumer (c), with
 * ingest-service's settings ({@code fleet.ingest.*}: its defaults, overridden as for the
 * service) and the connection type Spring Boot gives it.
 */
final class IngestWriters {

	private IngestWriters() {
	}

	static FixWriter create(int redisPort, BenchmarkOptions options) {
		IngestProperties settings = new Binder(new MapConfigurationPropertySource(options.ingestSettings()))
			.bindOrCreate("fleet.ingest", IngestProperties.class);
		LettuceConnectionFactory connections = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", redisPort));
		connections.afterPropertiesSet();
		connections.start();
		PositionWriter writer = new PositionWriter(new AsyncRedis(connections), new PositionKeys(settings.geoShards()),
				settings.track(), connections.getClientConfiguration().getCommandTimeout());
		return new FixWriter() {

			@Override
			public void write(List<GpsFix> fixes) {
				writer.write(fixes);
			}

			@Override
			public void close() {
				connections.destroy();
			}

		};
	}

}
