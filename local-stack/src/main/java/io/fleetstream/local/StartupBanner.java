package io.fleetstream.local;

import java.util.List;

/**
 * The block printed once the stack runs: where everything listens and what to open.
 */
final class StartupBanner {

	private static final String RULE = "-".repeat(100);

	private StartupBanner() {
	}

	static String render(List<LocalComponent> components, List<String> notes, String mapUrl) {
		StringBuilder banner = new StringBuilder("\n").append("=".repeat(100)).append('\n');
		banner.append(" FleetStream local stack is running. Ctrl-C stops it.\n");
		banner.append(" Live map: ").append(mapUrl).append('\n').append(RULE).append('\n');
		for (LocalComponent component : components) {
			banner.append(String.format(" %-16s %s%n", component.name(), component.address()));
		}
		for (String note : notes) {
			banner.append(" NOTE: ").append(note).append('\n');
		}
		banner.append(RULE).append("\n Try:\n");
		for (LocalComponent component : components) {
			component.urlsToTry().forEach((url) -> banner.append("   ").append(url).append('\n'));
		}
		return banner.append("=".repeat(100)).append('\n').toString();
	}

}
