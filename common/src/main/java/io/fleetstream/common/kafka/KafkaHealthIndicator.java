package io.fleetstream.common.kafka;

import java.util.Collection;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Kafka's part of readiness: up when the cluster answers a describe-cluster request in
 * time. Spring Boot ships no Kafka health indicator; one admin client is kept and reused.
 */
public class KafkaHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

	private static final int TIMEOUT_MS = 5000;

	private final KafkaAdmin kafkaAdmin;

	private Admin admin;

	public KafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
		super("Kafka health check failed");
		this.kafkaAdmin = kafkaAdmin;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		DescribeClusterResult cluster = admin().describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS));
		String clusterId = cluster.clusterId().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
		Collection<Node> nodes = cluster.nodes().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
		builder.up().withDetail("clusterId", clusterId).withDetail("brokers", nodes.size());
	}

	private synchronized Admin admin() {
		if (this.admin == null) {
			this.admin = Admin.create(this.kafkaAdmin.getConfigurationProperties());
		}
		return this.admin;
	}

	@Override
	public synchronized void destroy() {
		if (this.admin != null) {
			this.admin.close();
		}
	}

}
