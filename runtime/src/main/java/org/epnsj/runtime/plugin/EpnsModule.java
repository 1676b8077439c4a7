package org.epnsj.runtime.plugin;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.OptionalBinder;
import java.util.Map;
import org.epnsj.api.spi.DomainProvider;
import org.epnsj.api.spi.SymmetryProvider;

/**
 * The Guice wiring of an EPNS-J application: every discovered plugin bound into a {@link MapBinder}
 * keyed by id, and {@link RuntimeSettings} with an overridable default.
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(new EpnsModule());
 * EpnsRuntime epns = injector.getInstance(EpnsRuntime.class);
 * }</pre>
 *
 * To override the defaults, add a module that calls
 * {@code OptionalBinder.newOptionalBinder(binder(), RuntimeSettings.class).setBinding().toInstance(...)}.
 */
public final class EpnsModule extends AbstractModule {

    private final PluginRegistry registry;

    /** Wires the plugins found on the class path. */
    public EpnsModule() {
        this(PluginRegistry.discover());
    }

    /** Wires the given plugins (tests, embedded applications). */
    public EpnsModule(PluginRegistry registry) {
        this.registry = registry;
    }

    @Override
    protected void configure() {
        MapBinder<String, SymmetryProvider<?>> symmetries =
                MapBinder.newMapBinder(binder(), new TypeLiteral<String>() {}, new TypeLiteral<SymmetryProvider<?>>() {});
        registry.symmetries().forEach((id, p) -> symmetries.addBinding(id).toInstance(p));
        MapBinder<String, DomainProvider> domains = MapBinder.newMapBinder(binder(), String.class, DomainProvider.class);
        registry.domains().forEach((id, p) -> domains.addBinding(id).toInstance(p));
        OptionalBinder.newOptionalBinder(binder(), RuntimeSettings.class).setDefault().toInstance(RuntimeSettings.defaults());
    }

    @Provides
    @Singleton
    PluginRegistry registry(Map<String, SymmetryProvider<?>> symmetries, Map<String, DomainProvider> domains) {
        return new PluginRegistry(java.util.List.copyOf(symmetries.values()), java.util.List.copyOf(domains.values()));
    }
}
