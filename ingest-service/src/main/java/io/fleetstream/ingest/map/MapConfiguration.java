package io.fleetstream.ingest.map;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import io.fleetstream.ingest.IngestProperties;

/**
 * The live map page, static resources under {@code classpath:/static/map/} (served at
 * {@code /map/}), and Leaflet from its webjar, served under {@code /map/leaflet/} so that
 * everything the page loads from ingest-service is under one path (one ingress rule),
 * with a strict Content-Security-Policy of its own ({@link ContentSecurityPolicy}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IngestProperties.class)
@ConditionalOnProperty(name = "fleet.ingest.map.enabled", matchIfMissing = true)
class MapConfiguration implements WebMvcConfigurer {

	/** The Leaflet webjar's version (the {@code leaflet.version} of the root pom). */
	static final String LEAFLET_VERSION = "1.9.4";

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		registry.addResourceHandler("/map/leaflet/**")
			.addResourceLocations("classpath:/META-INF/resources/webjars/leaflet/" + LEAFLET_VERSION + "/dist/");
	}

	@Override
	public void addViewControllers(ViewControllerRegistry registry) {
		registry.addRedirectViewController("/map", "/map/");
		registry.addViewController("/map/").setViewName("forward:/map/index.html");
	}

	/**
	 * Sets the page's policy before anything else writes headers (Spring Security adds
	 * its {@code frame-ancestors} policy only where none is set).
	 */
	@Bean
	FilterRegistrationBean<OncePerRequestFilter> mapContentSecurityPolicy(IngestProperties properties) {
		String policy = ContentSecurityPolicy.of(properties.map());
		OncePerRequestFilter filter = new OncePerRequestFilter() {
			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				response.setHeader("Content-Security-Policy", policy);
				response.setHeader("Referrer-Policy", "same-origin");
				chain.doFilter(request, response);
			}
		};
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
		registration.addUrlPatterns("/map", "/map/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

}
