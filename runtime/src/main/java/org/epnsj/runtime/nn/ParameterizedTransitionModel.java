package org.epnsj.runtime.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.Map;
import org.epnsj.api.model.TransitionModel;

/** A {@link TransitionModel} whose parameters live in one {@link ParameterSet}. */
public abstract class ParameterizedTransitionModel implements TransitionModel {

    private final String name;

    /** The model's parameters; subclasses create their layers in it. */
    protected final ParameterSet params;

    /** Creates the model with an empty parameter set. */
    protected ParameterizedTransitionModel(String name, ParameterSet params) {
        this.name = name;
        this.params = params;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Map<String, NDArray> parameters() {
        return params.asMap();
    }

    @Override
    public final DataType dataType() {
        return params.dataType();
    }
}
