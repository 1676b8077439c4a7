package org.epnsj.runtime.plugin;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.epnsj.api.spi.DomainProvider;
import org.epnsj.api.spi.ModelDescription;
import org.epnsj.api.spi.SymmetryProvider;

/**
 * The symmetry and domain plugins of an application, keyed by id. Built from {@link ServiceLoader}
 * discovery or from explicit lists (tests); ids must be unique.
 */
public final class PluginRegistry {

    private final Map<String, SymmetryProvider<?>> symmetries;
    private final Map<String, DomainProvider> domains;

    /**
     * Creates a registry.
     *
     * @throws PluginConfigurationException if two plugins share an id (naming both classes), a
     *     domain names a symmetry that is not present, or a domain offers no model or two of one name
     */
    public PluginRegistry(List<? extends SymmetryProvider<?>> symmetries, List<? extends DomainProvider> domains) {
        this.symmetries = index("symmetry", symmetries, SymmetryProvider::id);
        this.domains = index("domain", domains, DomainProvider::id);
        for (DomainProvider d : this.domains.values()) {
            if (!this.symmetries.containsKey(d.symmetryId())) {
                throw new PluginConfigurationException("domain '" + d.id() + "' (" + d.getClass().getName()
                        + ") needs symmetry '" + d.symmetryId() + "', which no plugin provides; known symmetries: "
                        + this.symmetries.keySet());
            }
            checkModels(d);
        }
    }

    private static void checkModels(DomainProvider d) {
        List<String> names = d.modelDescriptions().stream().map(ModelDescription::name).toList();
        if (names.isEmpty()) {
            throw new PluginConfigurationException("domain '" + d.id() + "' (" + d.getClass().getName()
                    + ") describes no model");
        }
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!seen.add(name)) {
                throw new PluginConfigurationException("domain '" + d.id() + "' (" + d.getClass().getName()
                        + ") describes model '" + name + "' twice; models: " + names);
            }
        }
    }

    /** Discovers every plugin on the class path of {@code loader}. */
    public static PluginRegistry discover(ClassLoader loader) {
        List<SymmetryProvider<?>> symmetries = load(SymmetryProvider.class, loader).stream()
                .<SymmetryProvider<?>>map(p -> p).toList();
        return new PluginRegistry(symmetries, load(DomainProvider.class, loader));
    }

    /** Discovers every plugin on the class path of this class's loader. */
    public static PluginRegistry discover() {
        return discover(PluginRegistry.class.getClassLoader());
    }

    private static <T> List<T> load(Class<T> type, ClassLoader loader) {
        try {
            return ServiceLoader.load(type, loader).stream().map(ServiceLoader.Provider::get).toList();
        } catch (ServiceConfigurationError e) {
            throw new PluginConfigurationException("a META-INF/services/" + type.getName()
                    + " entry cannot be loaded: " + e.getMessage(), e);
        }
    }

    private static <T> Map<String, T> index(String kind, List<? extends T> plugins, Function<T, String> id) {
        Map<String, T> byId = new TreeMap<>();
        for (T p : plugins) {
            String key = id.apply(p);
            if (key == null || !key.matches("[a-z0-9][a-z0-9._-]*")) {
                throw new PluginConfigurationException(kind + " plugin " + p.getClass().getName() + " has an invalid id '"
                        + key + "': use lower-case letters, digits, '.', '_' and '-'");
            }
            T previous = byId.putIfAbsent(key, p);
            if (previous != null) {
                throw new PluginConfigurationException("duplicate " + kind + " id '" + key + "': provided by both "
                        + previous.getClass().getName() + " and " + p.getClass().getName());
            }
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(byId));
    }

    /** Symmetry plugins by id, sorted. */
    public Map<String, SymmetryProvider<?>> symmetries() {
        return symmetries;
    }

    /** Domain plugins by id, sorted. */
    public Map<String, DomainProvider> domains() {
        return domains;
    }

    /**
     * The domain with the given id.
     *
     * @throws UnknownPluginException listing the known ids
     */
    public DomainProvider domain(String id) {
        DomainProvider d = domains.get(id);
        if (d == null) {
            throw new UnknownPluginException("unknown domain '" + id + "'; known domains: " + domains.keySet());
        }
        return d;
    }

    /**
     * The symmetry with the given id.
     *
     * @throws UnknownPluginException listing the known ids
     */
    public SymmetryProvider<?> symmetry(String id) {
        SymmetryProvider<?> s = symmetries.get(id);
        if (s == null) {
            throw new UnknownPluginException("unknown symmetry '" + id + "'; known symmetries: " + symmetries.keySet());
        }
        return s;
    }
}
