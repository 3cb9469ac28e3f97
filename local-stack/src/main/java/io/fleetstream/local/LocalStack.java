package io.fleetstream.local;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import io.fleetstream.local.infra.LocalKafka;
import io.fleetstream.local.infra.LocalRedis;
import io.fleetstream.local.infra.PortChooser;
import io.fleetstream.local.loadgen.LoadGenerator;
import io.fleetstream.local.service.LocalServices;
import io.fleetstream.local.service.SpringService;
import io.fleetstream.local.simulator.FleetSimulator;
import io.fleetstream.local.simulator.SimulationArea;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * FleetStream on one machine with nothing but a JDK: a real Kafka broker and a real
 * redis-server, then the services, then the simulators that feed them. Components start
 * in that order and stop in reverse order (simulators, services, Redis, broker), on
 * Ctrl-C too, so no batch is cut short and no redis-server is left behind.
 */
public final class LocalStack implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(LocalStack.class);

	private final List<LocalComponent> infrastructure;

	private final List<LocalComponent> services;

	private final List<LocalComponent> simulators;

	private final List<String> notes;

	private final Deque<LocalComponent> started = new ArrayDeque<>();

	private volatile boolean stopping;

	private LocalStack(List<LocalComponent> infrastructure, List<LocalComponent> services,
			List<LocalComponent> simulators, List<String> notes) {
		this.infrastructure = infrastructure;
		this.services = services;
		this.simulators = simulators;
		this.notes = notes;
	}

	/** Chooses the ports and lays out the stack; nothing runs until {@link #start()}. */
	public static LocalStack create(CommandLine commandLine) {
		LocalStackProperties.Ports ports = commandLine.properties().ports();
		LocalRedis.stopOrphans();
		PortChooser chooser = new PortChooser();
		LocalKafka kafka = new LocalKafka(
				chooser.choose("Kafka", "--kafka-port", ports.kafka(), LocalStackProperties.Ports.KAFKA_DEFAULT));
		LocalRedis redis = new LocalRedis(
				chooser.choose("Redis", "--redis-port", ports.redis(), LocalStackProperties.Ports.REDIS_DEFAULT));
		int http = chooser.choose("ingest-service", "--http-port", ports.http(),
				LocalStackProperties.Ports.HTTP_DEFAULT);
		int management = chooser.choose("ingest-service management", "--management-port", ports.management(),
				LocalStackProperties.Ports.MANAGEMENT_DEFAULT);
		int enrichment = chooser.choose("enrichment-service", "--enrichment-port", ports.enrichment(),
				LocalStackProperties.Ports.ENRICHMENT_DEFAULT);
		int enrichmentManagement = chooser.choose("enrichment-service management", "--enrichment-port",
				managementPortOf(ports.enrichment()), LocalStackProperties.Ports.ENRICHMENT_DEFAULT + 1);
		int alert = chooser.choose("alert-service", "--alert-port", ports.alert(),
				LocalStackProperties.Ports.ALERT_DEFAULT);
		int alertManagement = chooser.choose("alert-service management", "--alert-port",
				managementPortOf(ports.alert()), LocalStackProperties.Ports.ALERT_DEFAULT + 1);
		Infrastructure infrastructure = new Infrastructure(kafka.bootstrapServers(), redis.host(), redis.port());
		List<String> arguments = commandLine.serviceArguments();
		List<LocalComponent> services = List.of(
				LocalServices.ingest(infrastructure, http, management, enrichment, alert, arguments),
				LocalServices.enrichment(infrastructure, enrichment, enrichmentManagement, http, arguments),
				LocalServices.alert(infrastructure, alert, alertManagement, http, arguments));
		List<LocalComponent> simulators = new ArrayList<>();
		LocalStackProperties.Simulator simulator = commandLine.properties().simulator();
		if (simulator.enabled()) {
			simulators.add(new FleetSimulator(simulator,
					Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers()),
					SimulationArea.SEOUL, Clock.systemUTC(), Duration.ofMinutes(1)));
		}
		return new LocalStack(List.of(kafka, redis), services, List.copyOf(simulators), chooser.notes());
	}

	/** A service's actuator listens one above its API, any free port when that is 0. */
	private static Integer managementPortOf(Integer apiPort) {
		return (apiPort == null || apiPort == 0) ? apiPort : Integer.valueOf(apiPort + 1);
	}

	/** Starts every component in order; on failure stops what started and rethrows. */
	public synchronized void start() throws Exception {
		for (LocalComponent component : components()) {
			if (this.stopping) {
				return;
			}
			logger.info("Starting " + component.name());
			try {
				component.start();
			}
			catch (Exception ex) {
				component.stop();
				close();
				throw ex;
			}
			this.started.push(component);
		}
	}

	/**
	 * Stops what started, in reverse order; one failing stop does not prevent the others.
	 */
	@Override
	public void close() {
		this.stopping = true;
		synchronized (this) {
			while (!this.started.isEmpty()) {
				LocalComponent component = this.started.pop();
				logger.info("Stopping " + component.name());
				try {
					component.stop();
				}
				catch (RuntimeException ex) {
					logger.warn("Could not stop " + component.name() + " cleanly", ex);
				}
			}
		}
	}

	/** Every component, in start order. */
	public List<LocalComponent> components() {
		List<LocalComponent> all = new ArrayList<>(this.infrastructure);
		all.addAll(this.services);
		all.addAll(this.simulators);
		return all;
	}

	String banner() {
		return StartupBanner.render(components(), this.notes, mapUrl());
	}

	/** The live map, as a browser on this machine opens it. */
	public String mapUrl() {
		return this.services.stream()
			.filter(SpringService.class::isInstance)
			.map(SpringService.class::cast)
			.filter((service) -> service.name().equals("ingest-service"))
			.map((service) -> "http://localhost:" + service.httpPort() + LocalServices.MAP_PATH)
			.findFirst()
			.orElseThrow();
	}

	public static void main(String[] args) throws Exception {
		if (args.length > 0 && args[0].equals("simulate")) {
			LoadGenerator.main(Arrays.copyOfRange(args, 1, args.length));
			return;
		}
		if (Arrays.asList(args).contains("--help")) {
			System.out.println("bin/fleetstream-local [--no-build] [options]\n" + CommandLine.usage());
			return;
		}
		LocalStack stack;
		try {
			stack = create(CommandLine.parse(args));
		}
		catch (IllegalArgumentException | PortChooser.PortInUseException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
			return;
		}
		Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-shutdown"));
		try {
			stack.start();
		}
		catch (Exception ex) {
			logger.error("The local stack did not start", ex);
			System.exit(1);
		}
		if (!stack.stopping) {
			System.out.println(stack.banner());
		}
	}

}
