package io.fleetstream.common.web;

import org.apache.catalina.Container;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.startup.Tomcat;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Makes every error of a service's HTTP API an RFC 9457 problem, also those Spring MVC
 * never sees, and numbers in requests strict:
 * <ul>
 * <li>{@code /error} (where the container forwards errors raised outside Spring MVC, and
 * which a client may also ask for directly) answers a problem, not Boot's
 * {@code {"status":999}} ({@link ProblemErrorController});</li>
 * <li>Tomcat's own refusals before any application code runs (an encoded {@code /} or
 * NUL, malformed percent-encoding, a request line or headers over
 * {@code server.max-http-request-header-size}) are problems instead of Tomcat's HTML page
 * ({@link ProblemErrorReportValve});</li>
 * <li>numeric parameters accept plain decimals only, not Java literals such as
 * {@code 0x1.2cp5} or {@code 37.55d} ({@link StrictNumberBinding}).</li>
 * </ul>
 * It also holds the service's cross-origin policy ({@link FleetCorsPolicy},
 * {@code fleet.web.cors.*}, none by default), which the API's security filter chain
 * applies.
 */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@EnableConfigurationProperties(FleetCorsProperties.class)
public class FleetWebAutoConfiguration {

	@Bean
	FleetCorsPolicy fleetCorsPolicy(FleetCorsProperties properties) {
		return new FleetCorsPolicy(properties);
	}

	@Bean
	@ConditionalOnMissingBean(ErrorController.class)
	ProblemErrorController problemErrorController() {
		return new ProblemErrorController();
	}

	@Bean
	StrictNumberBinding strictNumberBinding() {
		return new StrictNumberBinding();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Tomcat.class)
	static class TomcatProblemsConfiguration {

		@Bean
		WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReportValve() {
			return (factory) -> factory.addContextCustomizers((context) -> {
				Container host = context.getParent();
				if (host instanceof StandardHost standardHost) {
					standardHost.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
				}
			});
		}

	}

}
