package org.epnsj.conformance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.epnsj.api.model.Component;
import org.epnsj.api.model.Transformation;
import org.epnsj.api.model.TransitionModel;
import org.epnsj.api.spi.ModelDescription;

/**
 * {@link Rule#REQUIRED_MODEL_MATCHES_DESCRIPTION}: a built model agrees with its description, the one
 * place that states the model's claim. Its components' {@link Transformation}s say how each output
 * transforms under the kinds the description claims, so a component that declares a symmetry
 * ({@code EQUIVARIANT} or {@code INVARIANT}) for a model that claims no kind claims more than the
 * description, and a component that declares {@code NONE} for a model that claims some kind would
 * make the kit skip the rules that check the claim.
 */
public final class ModelDescriptionChecks {

    private ModelDescriptionChecks() {}

    /** Compares the model's name and its components' declarations with the description. */
    public static CheckReport check(ModelDescription description, TransitionModel model, long seed) {
        String rule = Rule.REQUIRED_MODEL_MATCHES_DESCRIPTION.id();
        List<String> problems = new ArrayList<>();
        if (!description.name().equals(model.name())) {
            problems.add("the model built by description '" + description.name() + "' is named '" + model.name() + "'");
        }
        Map<String, Component> components = new LinkedHashMap<>();
        components.put("forward model", model.forwardModel());
        components.put("prior", model.prior());
        components.put("posterior", model.posterior());
        components.put("decoder", model.decoder());
        boolean claims = !description.symmetries().isEmpty();
        for (Map.Entry<String, Component> c : components.entrySet()) {
            Transformation t = c.getValue().transformation();
            if (!claims && t != Transformation.NONE) {
                problems.add("the " + c.getKey() + " declares " + t + " but the description claims no symmetry");
            } else if (claims && t == Transformation.NONE) {
                problems.add("the " + c.getKey() + " declares NONE but the description claims " + description.symmetries());
            }
        }
        return new CheckReport(rule, problems.isEmpty() ? CheckStatus.PASS : CheckStatus.FAIL, String.join("; ", problems),
                problems.size(), 0, seed, "", "", 1 + components.size());
    }
}
