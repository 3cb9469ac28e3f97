package io.fleetstream.common.kafka;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.apache.kafka.common.header.Headers;

import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.ExceptionHeadersCreator;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.HeaderNames;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

/**
 * The {@code kafka_dlt-exception-*} headers of a dead-letter record, bounded in size.
 * spring-kafka's own headers carry the exception message twice (in the message and in the
 * stack trace) and unbounded, so a rejection whose detail quotes a large value made a
 * record that no producer accepts. Here the message is at most
 * {@value #MAX_MESSAGE_BYTES} bytes; a {@link RecordRejectedException} gets no stack
 * trace at all (its reason and detail say everything), any other exception at most
 * {@value #MAX_STACK_TRACE_BYTES} bytes of one. The exception reported is the one a
 * listener threw, not the container's {@link ListenerExecutionFailedException} wrapper.
 */
final class DeadLetterExceptionHeaders implements ExceptionHeadersCreator {

	static final int MAX_MESSAGE_BYTES = 1024;

	static final int MAX_STACK_TRACE_BYTES = 8192;

	@Override
	public void create(Headers headers, Exception exception, boolean isKey, HeaderNames names) {
		Throwable reported = (exception instanceof ListenerExecutionFailedException && exception.getCause() != null)
				? exception.getCause() : exception;
		HeaderNames.ExceptionInfo info = names.getExceptionInfo();
		replace(headers, isKey ? info.getKeyExceptionFqcn() : info.getExceptionFqcn(), reported.getClass().getName(),
				MAX_MESSAGE_BYTES);
		Throwable root = rootCause(reported);
		if (root != reported) {
			replace(headers, info.getExceptionCauseFqcn(), root.getClass().getName(), MAX_MESSAGE_BYTES);
		}
		String message = message(reported, root);
		if (message != null) {
			replace(headers, isKey ? info.getKeyExceptionMessage() : info.getExceptionMessage(), message,
					MAX_MESSAGE_BYTES);
		}
		if (!(reported instanceof RecordRejectedException)) {
			replace(headers, isKey ? info.getKeyExceptionStacktrace() : info.getExceptionStacktrace(),
					stackTrace(reported), MAX_STACK_TRACE_BYTES);
		}
	}

	/** One header of each name: a record dead-lettered again keeps only the latest. */
	private static void replace(Headers headers, String name, String value, int maxBytes) {
		headers.remove(name);
		headers.add(name, Utf8.bounded(value, maxBytes));
	}

	private static Throwable rootCause(Throwable exception) {
		Throwable root = exception;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root;
	}

	private static String message(Throwable reported, Throwable root) {
		String message = reported.getMessage();
		if (root == reported || root.getMessage() == null) {
			return message;
		}
		return (message != null) ? message + "; " + root.getMessage() : root.getMessage();
	}

	private static String stackTrace(Throwable exception) {
		StringWriter trace = new StringWriter();
		exception.printStackTrace(new PrintWriter(trace, true));
		return trace.toString();
	}

}
