package io.fleetstream.helm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.xml.parsers.DocumentBuilderFactory;

import io.fabric8.kubernetes.api.model.PodSpec;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Jib configuration the images are built with (root pom's pluginManagement, the
 * service's pom) agrees with the chart and does what the issue asks: a numeric non-root
 * user that is the chart's runAsUser, the container JVM flags, tmp in /tmp, the chart's
 * ports, the service's main class, and no binding to the build lifecycle (images are
 * built on demand, not by "verify"). The image itself is checked by bin/image-check.
 */
class ImageConfigurationTests {

	private static final Path ROOT_POM = HelmChart.repository().resolve("pom.xml");

	private static final Path INGEST_POM = HelmChart.repository().resolve("ingest-service/pom.xml");

	private static final List<Path> SERVICE_POMS = List.of(INGEST_POM,
			HelmChart.repository().resolve("enrichment-service/pom.xml"),
			HelmChart.repository().resolve("alert-service/pom.xml"));

	@Test
	void imagesRunAsTheChartsNonRootUserWithTmpInTheChartsEmptyDir() throws Exception {
		Element container = child(jib(managed(ROOT_POM)), "configuration", "container");
		String user = text(container, "user");
		PodSpec pod = Scenarios.named("minimal-values.yaml").ingestDeployment().getSpec().getTemplate().getSpec();
		assertThat(user)
			.isEqualTo(pod.getSecurityContext().getRunAsUser() + ":" + pod.getSecurityContext().getRunAsGroup());
		assertThat(pod.getSecurityContext().getRunAsUser()).isNotZero();
		assertThat(jvmFlags(container)).contains("-Djava.io.tmpdir=/tmp");
		assertThat(pod.getContainers().get(0).getVolumeMounts())
			.anyMatch((mount) -> mount.getMountPath().equals("/tmp"));
		assertThat(texts(child(container, "ports"), "port")).containsExactly("8080", "8081");
		assertThat(text(container, "format")).isEqualTo("OCI");
	}

	@Test
	void jvmFlagsSizeTheHeapByTheContainerAndExitOnOutOfMemoryOnARealJvm() throws Exception {
		List<String> flags = jvmFlags(child(jib(managed(ROOT_POM)), "configuration", "container"));
		assertThat(flags).contains("-XX:MaxRAMPercentage=75.0", "-XX:+ExitOnOutOfMemoryError");
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(flags);
		command.addAll(List.of("-XX:+PrintFlagsFinal", "-version"));
		Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(java.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(java.exitValue()).as(output).isZero();
		assertThat(output).containsPattern("double MaxRAMPercentage\\s+= 75\\.0")
			.containsPattern("bool ExitOnOutOfMemoryError\\s+= true");
	}

	@Test
	void onlyServicesBuildImagesAndOnlyOnDemand() throws Exception {
		Document root = parse(ROOT_POM);
		assertThat(text(child(root.getDocumentElement(), "properties"), "jib.skip")).isEqualTo("true");
		assertThat(text(jib(managed(ROOT_POM)), "configuration", "skip")).isEqualTo("${jib.skip}");
		for (Path pom : SERVICE_POMS) {
			Document service = parse(pom);
			assertThat(text(child(service.getDocumentElement(), "properties"), "jib.skip")).as(pom.toString())
				.isEqualTo("false");
			assertThat(child(jib(plugins(pom)), "executions")).as("jib bound to no lifecycle phase in " + pom).isNull();
		}
		for (Element plugin : List.of(jib(managed(ROOT_POM)), jib(plugins(ROOT_POM)))) {
			assertThat(child(plugin, "executions")).as("jib bound to no lifecycle phase").isNull();
		}
	}

	/**
	 * Each service's image starts its own Spring Boot application: the main class Jib is
	 * given is a source file of that module annotated {@code @SpringBootApplication}.
	 */
	@Test
	void everyServiceImageStartsItsOwnApplication() throws Exception {
		for (Path pom : SERVICE_POMS) {
			String mainClass = text(jib(plugins(pom)), "configuration", "container", "mainClass");
			Path source = pom.getParent().resolve("src/main/java").resolve(mainClass.replace('.', '/') + ".java");
			assertThat(source).as("main class of " + pom).exists();
			assertThat(Files.readString(source)).contains("@SpringBootApplication");
		}
	}

	@Test
	void ingestImageStartsTheIngestApplication() throws Exception {
		String mainClass = text(jib(plugins(INGEST_POM)), "configuration", "container", "mainClass");
		assertThat(Class.forName(mainClass).getMethod("main", String[].class)).isNotNull();
		assertThat(mainClass).isEqualTo(io.fleetstream.ingest.IngestApplication.class.getName());
	}

	private static List<String> jvmFlags(Element container) {
		return texts(child(container, "jvmFlags"), "jvmFlag");
	}

	private static NodeList managed(Path pom) throws Exception {
		Element build = child(parse(pom).getDocumentElement(), "build", "pluginManagement", "plugins");
		return build.getElementsByTagName("plugin");
	}

	private static NodeList plugins(Path pom) throws Exception {
		return child(parse(pom).getDocumentElement(), "build", "plugins").getElementsByTagName("plugin");
	}

	private static Element jib(NodeList plugins) {
		for (int i = 0; i < plugins.getLength(); i++) {
			Element plugin = (Element) plugins.item(i);
			if ("jib-maven-plugin".equals(text(plugin, "artifactId"))) {
				return plugin;
			}
		}
		throw new AssertionError("no jib-maven-plugin");
	}

	private static Document parse(Path pom) throws Exception {
		try {
			return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The direct child element by path, or null. */
	private static Element child(Element element, String... path) {
		Element current = element;
		for (String name : path) {
			Element next = null;
			for (Node node = (current != null) ? current.getFirstChild() : null; node != null; node = node
				.getNextSibling()) {
				if (node instanceof Element candidate && candidate.getTagName().equals(name)) {
					next = candidate;
					break;
				}
			}
			current = next;
		}
		return current;
	}

	private static String text(Element element, String... path) {
		Element child = child(element, path);
		return (child != null) ? child.getTextContent().trim() : null;
	}

	private static List<String> texts(Element parent, String name) {
		List<String> values = new ArrayList<>();
		for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
			if (node instanceof Element element && element.getTagName().equals(name)) {
				values.add(element.getTextContent().trim());
			}
		}
		return values;
	}

}
