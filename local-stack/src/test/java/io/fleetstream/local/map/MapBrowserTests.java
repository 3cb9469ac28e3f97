package io.fleetstream.local.map;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;

import io.fleetstream.common.Topics;
import io.fleetstream.common.gps.GpsFix;
import io.fleetstream.common.gps.GpsFixJson;
import io.fleetstream.ingest.position.PositionWriter;
import io.fleetstream.local.CommandLine;
import io.fleetstream.local.LocalStack;
import io.fleetstream.local.infra.LocalKafka;
import io.fleetstream.local.service.SpringService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The live map in a real headless browser (Debian's chromium, driven through
 * {@code /usr/bin/chromedriver}, nothing downloaded), against the real local stack: the
 * three services, the embedded broker and redis-server, and the simulator with a small
 * fleet, started once for all checks. Skipped, with a message, only where chromium is not
 * installed ({@code .ci/run} installs it).
 * <p>
 * It also measures, and prints: the time from the stack's start to the first car drawn on
 * the map, and the map's update time when a delta moves 20,000 cars.
 */
class MapBrowserTests {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	/**
	 * The simulated fleet; more for a fuller README picture
	 * ({@code -Dfleet.map.cars=500}).
	 */
	private static final int CARS = Integer.getInteger("fleet.map.cars", 40);

	private static final int BENCH_CARS = 20_000;

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static final Pattern HANGUL = Pattern.compile("[\\uAC00-\\uD7A3]");

	private static LocalStack stack;

	private static long stackStartedAt;

	private static ChromeDriver browser;

	private static KafkaProducer<String, byte[]> producer;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void startStackAndBrowser() throws Exception {
		assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER), "No chromium here (" + CHROMIUM
				+ ", " + CHROMEDRIVER
				+ "): the browser test needs Debian's chromium and chromium-driver packages (.ci/run installs them)");
		stackStartedAt = System.currentTimeMillis();
		stack = LocalStack.create(CommandLine.parse("--cars=" + CARS, "--seed=7", "--parked-share=0.25",
				"--incidents-per-minute=0", "--kafka-port=0", "--redis-port=0", "--http-port=0", "--management-port=0",
				"--enrichment-port=0", "--alert-port=0"));
		stack.start();
		Properties settings = new Properties();
		settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, component(LocalKafka.class).bootstrapServers());
		settings.put(ProducerConfig.ACKS_CONFIG, "all");
		producer = new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
		System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1440,960");
		browser = new ChromeDriver(
				new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build(), options);
		browser.get(stack.mapUrl());
	}

	@AfterAll
	static void stop() {
		if (browser != null) {
			browser.quit();
		}
		if (producer != null) {
			producer.close(Duration.ofSeconds(5));
		}
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void theMapShowsTheFleetItsAlertsAndACarsDetailsThenStaysFastAt20000Cars() throws Exception {
		// the page loads and the first cars are drawn
		await().atMost(WAIT)
			.until(() -> script("return window.fleetMap && window.fleetMap.stats.firstCarEpochMs") != null);
		long firstCar = ((Number) script("return window.fleetMap.stats.firstCarEpochMs")).longValue();
		System.out.printf("[map] start-up to first car on the map: %,d ms (stack start at %d, first car drawn at %d)%n",
				firstCar - stackStartedAt, stackStartedAt, firstCar);
		assertThat(browser.findElement(By.id("connection")).getText()).isEqualTo("live");

		// as many cars on the map as the API knows (a parked car reports once a minute)
		await().atMost(Duration.ofSeconds(150)).until(() -> apiCarCount() == CARS && mapCarCount() == CARS);
		assertThat(browser.findElement(By.id("count-total")).getText()).isEqualTo(String.valueOf(CARS));

		// a car moves when a new fix is produced for it
		String mover = "map-test-car";
		produceFix(mover, 37.5500, 126.9900);
		await().atMost(WAIT).until(() -> isAt(mover, 37.5500, 126.9900));
		Map<?, ?> before = pixelOf(mover);
		produceFix(mover, 37.5600, 127.0100);
		await().atMost(WAIT).until(() -> isAt(mover, 37.5600, 127.0100));
		assertThat(pixelOf(mover)).isNotEqualTo(before);

		// a crash fires an alert, which the panel lists and the car shows
		String crashed = "car-00003";
		producer
			.send(new ProducerRecord<>(Topics.STATUS, crashed,
					("{\"ts\":" + System.currentTimeMillis()
							+ ",\"safety\":{\"crashDetected\":true,\"airbagDeployed\":true}}")
						.getBytes(StandardCharsets.UTF_8)))
			.get();
		await().atMost(WAIT).until(() -> !alertItems(crashed, "crash-detected").isEmpty());
		await().atMost(WAIT).until(() -> "alerting".equals(stateOf(crashed)));

		// clicking a car shows its snapshot attributes (Hangul plate included) and
		// signals
		String clicked = "car-00005";
		await().atMost(WAIT)
			.until(() -> (Boolean) script("return window.fleetMap.centreOn(arguments[0], 16)", clicked));
		WebElement mapElement = browser.findElement(By.id("map"));
		Map<?, ?> pixel = pixelOf(clicked);
		new Actions(browser)
			.moveToElement(mapElement,
					(int) Math.round(((Number) pixel.get("x")).doubleValue() - mapElement.getSize().getWidth() / 2.0),
					(int) Math.round(((Number) pixel.get("y")).doubleValue() - mapElement.getSize().getHeight() / 2.0))
			.click()
			.perform();
		await().atMost(WAIT).until(() -> browser.findElement(By.id("details-title")).getText().equals(clicked));
		await().atMost(WAIT).until(() -> !reference("plate").isEmpty());
		assertThat(reference("plate")).containsPattern(HANGUL);
		assertThat(reference("car_id")).isEqualTo(clicked);
		await().atMost(WAIT).until(() -> !browser.findElements(By.cssSelector("#details-signals dt")).isEmpty());

		screenshot();
		measureUpdateAt20000Cars();
	}

	/**
	 * 20,000 more cars written through ingest-service's writer, then all of them moved at
	 * once: the feed pushes one delta of 20,000 cars (in chunks), and the page's own
	 * timing (performance.now) says how long it took from the first event received to the
	 * frame that drew the last.
	 */
	private void measureUpdateAt20000Cars() {
		PositionWriter writer = ingest().context().getBean(PositionWriter.class);
		RandomGenerator random = RandomGenerator.of("L64X128MixRandom");
		double[][] at = new double[BENCH_CARS][2];
		for (int i = 0; i < BENCH_CARS; i++) {
			at[i][0] = 37.42 + random.nextDouble() * 0.28;
			at[i][1] = 126.80 + random.nextDouble() * 0.36;
		}
		writeBench(writer, at, 0);
		await().atMost(WAIT).until(() -> mapCarCount() >= BENCH_CARS + CARS);
		List<String> results = new ArrayList<>();
		for (int round = 1; round <= 3; round++) {
			long frames = ((Number) script("return window.fleetMap.stats.frames.length")).longValue();
			double mark = ((Number) script("return performance.now()")).doubleValue();
			writeBench(writer, at, round);
			double lastLat = at[BENCH_CARS - 1][0] + round * 0.0002;
			await().atMost(WAIT).until(() -> isAt("bench-" + (BENCH_CARS - 1), lastLat, at[BENCH_CARS - 1][1]));
			// the frames drawn since the mark: the delta's events, applied and drawn
			List<?> burst = (List<?>) script(
					"var mark = arguments[0]; return window.fleetMap.stats.frames.filter(function (f) { return f.at > mark; })",
					mark);
			double first = Double.MAX_VALUE;
			double last = 0;
			double slowest = 0;
			double draw = 0;
			long cars = 0;
			for (Object frame : burst) {
				Map<?, ?> f = (Map<?, ?>) frame;
				double updateMs = ((Number) f.get("updateMs")).doubleValue();
				double end = ((Number) f.get("at")).doubleValue();
				first = Math.min(first, end - updateMs);
				last = Math.max(last, end);
				slowest = Math.max(slowest, updateMs);
				draw = Math.max(draw, ((Number) f.get("drawMs")).doubleValue());
				cars += ((Number) f.get("cars")).longValue();
			}
			assertThat(cars).as("cars applied in round %d (frames before: %d)", round, frames)
				.isGreaterThanOrEqualTo(BENCH_CARS);
			results.add(String.format(
					"round %d: %,d cars in %d frames, first event received to last drawn %.0f ms, "
							+ "slowest frame %.0f ms, full redraw of %,d cars %.0f ms",
					round, cars, burst.size(), last - first, slowest, mapCarCount(), draw));
		}
		results.forEach((line) -> System.out.println("[map] update at 20,000 cars, " + line));
	}

	private static void writeBench(PositionWriter writer, double[][] at, int round) {
		long ts = System.currentTimeMillis();
		List<GpsFix> fixes = new ArrayList<>(at.length);
		for (int i = 0; i < at.length; i++) {
			fixes.add(new GpsFix("bench-" + i, at[i][0] + round * 0.0002, at[i][1], ts, 30.0, 90.0, ts));
		}
		writer.write(fixes);
	}

	private void screenshot() throws Exception {
		// the whole simulated area, the clicked car's details and the alert in the panel
		script("window.fleetMap.showCity()");
		byte[] png = browser.getScreenshotAs(OutputType.BYTES);
		Path target = Path.of("target", "map-screenshot.png");
		Files.write(target, png);
		System.out.println("[map] screenshot: " + target.toAbsolutePath());
		// the README's picture, refreshed on request (it is committed, a test run should
		// not change the working tree by itself)
		if (Boolean.getBoolean("fleet.map.docs-screenshot")) {
			Path docs = Path.of("..", "docs", "images", "map.png");
			Files.createDirectories(docs.getParent());
			Files.write(docs, png);
			System.out.println("[map] screenshot: " + docs.toAbsolutePath());
		}
	}

	private void produceFix(String car, double lat, double lng) throws Exception {
		long ts = System.currentTimeMillis();
		producer.send(new ProducerRecord<>(Topics.GPS, car, GpsFixJson.encode(lat, lng, ts, 35.0, 45.0))).get();
	}

	private List<WebElement> alertItems(String car, String rule) {
		return browser.findElements(By.cssSelector("#alert-list li"))
			.stream()
			.filter((item) -> car.equals(item.getAttribute("data-car"))
					&& item.findElement(By.className("rule")).getText().equals(rule))
			.toList();
	}

	private String reference(String attribute) {
		List<WebElement> terms = browser.findElements(By.cssSelector("#details-reference dt"));
		for (WebElement term : terms) {
			if (term.getText().equals(attribute)) {
				return term.findElement(By.xpath("following-sibling::dd[1]")).getText();
			}
		}
		return "";
	}

	private boolean isAt(String car, double lat, double lng) {
		Map<?, ?> position = (Map<?, ?>) script("return window.fleetMap.car(arguments[0])", car);
		return position != null && Math.abs(((Number) position.get("lat")).doubleValue() - lat) < 1e-9
				&& Math.abs(((Number) position.get("lng")).doubleValue() - lng) < 1e-9;
	}

	private String stateOf(String car) {
		Map<?, ?> position = (Map<?, ?>) script("return window.fleetMap.car(arguments[0])", car);
		return (position != null) ? (String) position.get("state") : null;
	}

	private Map<?, ?> pixelOf(String car) {
		return (Map<?, ?>) script("return window.fleetMap.pixelOf(arguments[0])", car);
	}

	private long mapCarCount() {
		return ((Number) script("return window.fleetMap.carCount()")).longValue();
	}

	private long apiCarCount() throws Exception {
		HttpResponse<String> summary = this.http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + ingest().httpPort() + "/api/v1/fleet/summary"))
					.build(),
				HttpResponse.BodyHandlers.ofString());
		java.util.regex.Matcher total = Pattern.compile("\"total\":(\\d+)").matcher(summary.body());
		return total.find() ? Long.parseLong(total.group(1)) : -1;
	}

	private static Object script(String script, Object... arguments) {
		return ((JavascriptExecutor) browser).executeScript(script, arguments);
	}

	private static SpringService ingest() {
		return stack.components()
			.stream()
			.filter((component) -> component instanceof SpringService && component.name().equals("ingest-service"))
			.map(SpringService.class::cast)
			.findFirst()
			.orElseThrow();
	}

	private static <T> T component(Class<T> type) {
		return stack.components().stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
	}

}
