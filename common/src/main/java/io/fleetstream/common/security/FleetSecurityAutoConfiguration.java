package io.fleetstream.common.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.OAuth2ResourceServerWebSecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.servlet.HandlerExceptionResolver;

import io.fleetstream.common.web.FleetCorsPolicy;

/**
 * Protects a service's HTTP API and its management port. Active in servlet web
 * applications that have Spring Security's resource server on the classpath (a service
 * with an API depends on {@code spring-boot-starter-security-oauth2-resource-server}).
 * <ul>
 * <li>The management port ({@code management.server.port}) answers {@code health},
 * {@code info} and {@code prometheus} without a token, for kubelet probes and Prometheus,
 * and 404 to everything else, whatever the exposure settings say.</li>
 * <li>Everything else (the API port): with {@code fleet.security.jwt.issuer-uri}, an
 * OAuth2 resource server accepting the issuer's JWT access tokens;
 * {@code GET}/{@code HEAD} under {@code /api/} need scope {@code fleet:read}, other
 * methods there {@code fleet:write}, anything else on the port (OpenAPI document, Swagger
 * UI, the live map and its stream) a valid token. With {@code fleet.security.open=true}
 * it is served without authentication. With neither, start-up fails.</li>
 * <li>Either way: request size limits, repeated query parameters refused, a per-client
 * rate limit on queries, security errors answered as RFC 9457 problems, and security
 * headers on every answer ({@code X-Content-Type-Options: nosniff},
 * {@code Cache-Control: no-cache, no-store}, {@code X-Frame-Options: DENY},
 * {@code Content-Security-Policy: frame-ancestors 'none'}).</li>
 * <li>Cross-origin requests only as {@code fleet.web.cors.*} allows (none by default;
 * {@code FleetCorsPolicy}), preflights answered before authentication.</li>
 * </ul>
 */
@AutoConfiguration(before = { ServletWebSecurityAutoConfiguration.class, ManagementWebSecurityAutoConfiguration.class,
		OAuth2ResourceServerAutoConfiguration.class, OAuth2ResourceServerWebSecurityAutoConfiguration.class,
		UserDetailsServiceAutoConfiguration.class })
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass({ SecurityFilterChain.class, BearerTokenAuthenticationFilter.class, JwtDecoder.class })
@EnableConfigurationProperties(FleetSecurityProperties.class)
@EnableWebSecurity
public class FleetSecurityAutoConfiguration {

	private static final Log logger = LogFactory.getLog(FleetSecurityAutoConfiguration.class);

	@Bean
	@ConditionalOnProperty("fleet.security.jwt.issuer-uri")
	JwtDecoder fleetJwtDecoder(FleetSecurityProperties properties) {
		SecurityModeRequirements.check(properties);
		return FleetJwtDecoders.decoder(properties.jwt());
	}

	@Bean
	WebSecurityCustomizer fleetRequestRejectedProblems(
			@Qualifier("handlerExceptionResolver") ObjectProvider<HandlerExceptionResolver> exceptionResolver) {
		SecurityProblems problems = new SecurityProblems(exceptionResolver);
		return (web) -> web.requestRejectedHandler(problems);
	}

	@Bean
	@Order(2)
	SecurityFilterChain fleetApiSecurityFilterChain(HttpSecurity http, FleetSecurityProperties properties,
			ObjectProvider<JwtDecoder> jwtDecoder,
			@Qualifier("handlerExceptionResolver") ObjectProvider<HandlerExceptionResolver> exceptionResolver,
			ObjectProvider<FleetCorsPolicy> corsPolicy) throws Exception {
		SecurityModeRequirements.check(properties);
		SecurityProblems problems = new SecurityProblems(exceptionResolver);
		statelessApi(http);
		// fleet.web.cors: preflights answered (and origins checked) before authentication
		FleetCorsPolicy cors = corsPolicy.getIfAvailable();
		if (cors != null && cors.source().isPresent()) {
			CorsConfigurationSource source = cors.source().get();
			http.cors((configurer) -> configurer.configurationSource(source));
		}
		// besides Spring Security's defaults (nosniff, Cache-Control: no-store,
		// X-Frame-Options)
		http.headers((headers) -> headers
			.contentSecurityPolicy((policy) -> policy.policyDirectives("frame-ancestors 'none'")));
		http.exceptionHandling(
				(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems));
		http.addFilterBefore(new RequestLimitsFilter(properties.request(), problems),
				BearerTokenAuthenticationFilter.class);
		if (properties.rateLimit().enabled()) {
			ClientRateLimiter limiter = new ClientRateLimiter(properties.rateLimit(), System::nanoTime);
			http.addFilterAfter(
					new RateLimitFilter(limiter, SecurityContextHolder.getContextHolderStrategy(), problems),
					AuthorizationFilter.class);
		}
		if (properties.open()) {
			logger.warn("fleet.security.open=true: the API is served WITHOUT authentication; "
					+ "set fleet.security.jwt.issuer-uri outside local runs");
			http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll());
		}
		else {
			http.authorizeHttpRequests((requests) -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
				.permitAll()
				.requestMatchers(HttpMethod.GET, ApiPaths.PATTERN)
				.hasAuthority(FleetScopes.READ_AUTHORITY)
				.requestMatchers(HttpMethod.HEAD, ApiPaths.PATTERN)
				.hasAuthority(FleetScopes.READ_AUTHORITY)
				.requestMatchers(ApiPaths.PATTERN)
				.hasAuthority(FleetScopes.WRITE_AUTHORITY)
				.anyRequest()
				.authenticated());
			// RFC 9728 metadata (/.well-known/oauth-protected-resource, named in every
			// challenge): where a client gets a token and which scopes to ask for
			http.oauth2ResourceServer((server) -> server.jwt((jwt) -> jwt.decoder(jwtDecoder.getObject()))
				.bearerTokenResolver(FleetJwtDecoders.tokenResolver(properties.jwt()))
				.protectedResourceMetadata((metadata) -> metadata.protectedResourceMetadataCustomizer(
						(resource) -> resource.authorizationServer(properties.jwt().issuerUri())
							.scope(FleetScopes.READ)
							.scope(FleetScopes.WRITE)))
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems)
				.withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
					@Override
					public <F extends BearerTokenAuthenticationFilter> F postProcess(F filter) {
						filter.setAuthenticationFailureHandler(problems);
						return filter;
					}
				}));
		}
		return http.build();
	}

	/**
	 * Bearer tokens only: no session, no cookies, so no CSRF token, no saved requests, no
	 * login or logout pages.
	 */
	static void statelessApi(HttpSecurity http) throws Exception {
		http.csrf(AbstractHttpConfigurer::disable)
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable);
	}

	/**
	 * The management port: probes and metrics without a token, nothing else. Its own
	 * chain (ordered first) matches every request on that port, so the API's rules never
	 * apply there and vice versa.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(WebServerNamespace.class)
	static class ManagementSecurityConfiguration {

		@Bean
		@Order(1)
		SecurityFilterChain fleetManagementSecurityFilterChain(HttpSecurity http) throws Exception {
			statelessApi(http);
			http.securityMatcher(new ManagementServerRequestMatcher())
				.authorizeHttpRequests(
						(requests) -> requests.requestMatchers(EndpointRequest.to("health", "info", "prometheus"))
							.permitAll()
							.anyRequest()
							.denyAll())
				// what is not public does not exist, as far as a caller can tell
				.exceptionHandling((exceptions) -> exceptions
					.authenticationEntryPoint(
							(request, response, ex) -> response.setStatus(HttpServletResponse.SC_NOT_FOUND))
					.accessDeniedHandler(
							(request, response, ex) -> response.setStatus(HttpServletResponse.SC_NOT_FOUND)));
			return http.build();
		}

	}

}
