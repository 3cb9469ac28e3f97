package io.fleetstream.ingest.api;

import java.lang.reflect.Method;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import org.springframework.beans.TypeMismatchException;
import org.springframework.core.MethodParameter;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.ServletWebRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The query records built without the data binder read the same values the binder did:
 * plain decimals, empty as absent, and a value that does not parse fails naming its
 * parameter, the first in the record's order.
 */
class QueryParametersResolverTests {

	private final QueryParametersResolver resolver = new QueryParametersResolver();

	@Test
	void searchParametersAreReadFromTheQueryString() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setParameter("lat", "37.5665");
		request.setParameter("lng", "-1.2e-3");
		request.setParameter("radiusM", "");
		request.setParameter("limit", "50");
		SearchParameters search = (SearchParameters) resolve("search", request);
		assertThat(search).isEqualTo(new SearchParameters(37.5665, -1.2e-3, null, null, 50));
	}

	@Test
	void trackParametersAreReadFromTheQueryString() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setParameter("since", "2025-11-22T08:00:00Z");
		assertThat(resolve("track", request)).isEqualTo(new TrackParameters("2025-11-22T08:00:00Z", null));
	}

	@Test
	void aValueThatIsNotAPlainNumberFailsNamingTheFirstBadParameter() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setParameter("lat", "0x1.2cp5");
		request.setParameter("limit", "37.55d");
		assertThatExceptionOfType(TypeMismatchException.class).isThrownBy(() -> resolve("search", request))
			.satisfies((ex) -> {
				assertThat(ex.getPropertyName()).isEqualTo("lat");
				assertThat(ex.getValue()).isEqualTo("0x1.2cp5");
				assertThat(ex.getRequiredType()).isEqualTo(Double.class);
			});
		request.setParameter("lat", "37.5");
		assertThatExceptionOfType(TypeMismatchException.class).isThrownBy(() -> resolve("search", request))
			.satisfies((ex) -> assertThat(ex.getPropertyName()).isEqualTo("limit"));
	}

	@Test
	void aWholeNumberOutOfRangeFails() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setParameter("limit", "99999999999");
		assertThatExceptionOfType(TypeMismatchException.class).isThrownBy(() -> resolve("track", request))
			.satisfies((ex) -> assertThat(ex.getPropertyName()).isEqualTo("limit"));
	}

	private Object resolve(String methodName, MockHttpServletRequest request) throws Exception {
		Method method = Arrays.stream(VehicleController.class.getDeclaredMethods())
			.filter((candidate) -> candidate.getName().equals(methodName))
			.findFirst()
			.orElseThrow();
		MethodParameter parameter = null;
		for (int i = 0; i < method.getParameterCount(); i++) {
			MethodParameter candidate = new MethodParameter(method, i);
			if (this.resolver.supportsParameter(candidate)) {
				parameter = candidate;
			}
		}
		assertThat(parameter).as("a query record parameter of " + methodName).isNotNull();
		return this.resolver.resolveArgument(parameter, null, new ServletWebRequest(request), null);
	}

}
