package org.epnsj.api.spi;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.epnsj.api.group.GroupAction;
import org.epnsj.api.group.SymmetryKind;
import org.epnsj.api.model.LatentLayout;
import org.epnsj.api.model.Transformation;
import org.epnsj.api.model.TransitionModel;
import org.epnsj.api.training.TrainingConfig;

/**
 * Everything a domain says about one of its models, in one place: how to build it, the symmetry it
 * claims, how the group acts on its latent and hidden representation, and its training settings per
 * preset. The runtime builds and trains models from it, and the conformance kit checks each model on
 * exactly what its description claims.
 *
 * <p>The components' {@link Transformation}s say how each output transforms (equivariantly,
 * invariantly, or not at all) under the elements that exercise only the {@link #symmetries()}
 * claimed here: a permutation-only baseline declares its components {@code EQUIVARIANT} and claims
 * {@link SymmetryKind#PERMUTATIONS}. A model that claims no kind declares every component
 * {@link Transformation#NONE}, and one that claims some kind declares none of them {@code NONE}; the
 * kit checks that the two agree.
 *
 * @param name the model's name within its domain, e.g. {@code "epns"}; the built model's
 *     {@link TransitionModel#name()}
 * @param description one line for listings
 * @param factory builds a freshly initialised model at a preset
 * @param symmetries the kinds of symmetry the model is equivariant to; elements exercising any other
 *     kind are not claimed
 * @param latentAction how the group acts on the latent z; empty means the architecture's rule: a
 *     {@link LatentLayout#PER_NODE} latent of a prior declared {@link Transformation#EQUIVARIANT}
 *     transforms with the domain's state action, any other latent is invariant
 * @param hiddenActions how the group acts on each element of the forward model's output h; empty
 *     when undeclared (the forward model is then checked only through the components that read h)
 * @param trainingConfig the training settings at a preset
 */
public record ModelDescription(String name, String description, Factory factory, Set<SymmetryKind> symmetries,
        Optional<GroupAction<?>> latentAction, Optional<List<GroupAction<?>>> hiddenActions,
        Function<String, TrainingConfig> trainingConfig) {

    /** Builds a model of a domain at a preset. */
    @FunctionalInterface
    public interface Factory {

        /** A freshly initialised model at the named preset (a preset the domain lists). */
        TransitionModel create(String preset, ModelContext context);
    }

    /** Validates the fields and copies the collections. */
    public ModelDescription {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank, got '" + name + "'");
        }
        if (description == null || description.isBlank() || description.contains("\n")) {
            throw new IllegalArgumentException("description of model '" + name + "' must be one non-blank line, got '"
                    + description + "'");
        }
        require(factory, "factory", name);
        require(symmetries, "symmetries", name);
        require(latentAction, "latentAction", name);
        require(hiddenActions, "hiddenActions", name);
        require(trainingConfig, "trainingConfig", name);
        EnumSet<SymmetryKind> kinds = EnumSet.noneOf(SymmetryKind.class);
        kinds.addAll(symmetries);
        symmetries = Collections.unmodifiableSet(kinds);
        hiddenActions = hiddenActions.map(List::copyOf);
    }

    private static void require(Object value, String field, String name) {
        if (value == null) {
            throw new IllegalArgumentException(field + " of model '" + name + "' must be given, got null");
        }
    }

    /**
     * A builder with the defaults: every kind of symmetry claimed, the architecture's latent rule, no
     * hidden actions. The description and the training settings must be given.
     */
    public static Builder builder(String name, Factory factory) {
        return new Builder(name, factory);
    }

    /** Builds a {@link ModelDescription}; only what differs from the defaults needs saying. */
    public static final class Builder {
        private final String name;
        private final Factory factory;
        private String description;
        private Set<SymmetryKind> symmetries = EnumSet.allOf(SymmetryKind.class);
        private GroupAction<?> latentAction;
        private List<GroupAction<?>> hiddenActions;
        private Function<String, TrainingConfig> trainingConfig;

        private Builder(String name, Factory factory) {
            this.name = name;
            this.factory = factory;
        }

        /** The one-line description (required). */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /** The kinds of symmetry claimed (all by default); none for a model without symmetry. */
        public Builder symmetries(Set<SymmetryKind> symmetries) {
            this.symmetries = EnumSet.noneOf(SymmetryKind.class);
            this.symmetries.addAll(Objects.requireNonNull(symmetries, "symmetries"));
            return this;
        }

        /** Claims no symmetry (a baseline that sees absolute coordinates and labels). */
        public Builder noSymmetry() {
            return symmetries(Set.of());
        }

        /** How the group acts on the latent, when the architecture's rule does not say it. */
        public Builder latentAction(GroupAction<?> latentAction) {
            this.latentAction = Objects.requireNonNull(latentAction, "latentAction");
            return this;
        }

        /** How the group acts on each element of h, in the forward model's output order. */
        public Builder hiddenActions(List<? extends GroupAction<?>> hiddenActions) {
            this.hiddenActions = List.copyOf(Objects.requireNonNull(hiddenActions, "hiddenActions"));
            return this;
        }

        /** The training settings per preset (required). */
        public Builder trainingConfig(Function<String, TrainingConfig> trainingConfig) {
            this.trainingConfig = trainingConfig;
            return this;
        }

        /**
         * The description.
         *
         * @throws IllegalArgumentException naming the model if the name or description is blank, or the
         *     factory or training settings are missing
         */
        public ModelDescription build() {
            return new ModelDescription(name, description, factory, symmetries, Optional.ofNullable(latentAction),
                    Optional.ofNullable(hiddenActions), trainingConfig);
        }
    }
}
