package io.fleetstream.ingest.api;

import org.springframework.boot.test.context.SpringBootTest;

import io.fleetstream.testsupport.RealInfrastructure;
import io.fleetstream.testsupport.RealInfrastructure.RedisMode;

/**
 * The radius, box and single-vehicle queries on a 3-master Redis Cluster: the 16 shards
 * hash to slots on all three nodes, so every search fans out across nodes without a
 * cross-slot command.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.kafka.listener.auto-startup=false", "fleet.kafka.create-topics=true" })
@RealInfrastructure(redis = RedisMode.CLUSTER)
class VehicleApiClusterIntegrationTests extends VehicleQueryScenarios {

	@Override
	double[] origin() {
		return new double[] { -54.8000, -68.3000 };
	}

}
