package org.epnsj.conformance;

/**
 * A known deviation: rule {@code rule} is expected to fail for plugin {@code plugin}. It is reported
 * as skipped with its reason; if the rule passes, the exclusion is stale and the test fails.
 *
 * @param rule the rule id
 * @param plugin the plugin id (as in the report), or {@code *} for every plugin
 * @param reason why the deviation is accepted, e.g. an issue link
 */
public record Exclusion(String rule, String plugin, String reason) {

    /** Validates the fields. */
    public Exclusion {
        if (rule == null || rule.isBlank()) {
            throw new IllegalArgumentException("rule must be a rule id, got '" + rule + "'");
        }
        if (plugin == null || plugin.isBlank()) {
            throw new IllegalArgumentException("plugin must be a plugin id or *, got '" + plugin + "'");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason must be given for exclusion of " + rule + " on " + plugin);
        }
    }

    /** Whether this exclusion covers {@code ruleId} on {@code pluginId}. */
    public boolean covers(String ruleId, String pluginId) {
        return rule.equals(ruleId) && (plugin.equals("*") || plugin.equals(pluginId));
    }
}
