package org.epnsj.runtime.app;

import ai.djl.ndarray.NDManager;
import org.epnsj.api.model.TransitionModel;
import org.epnsj.api.spi.DomainProvider;
import org.epnsj.runtime.run.RunConfig;
import org.epnsj.runtime.run.RunDirectory;

/**
 * A trained model loaded from a run folder, with the manager that owns it.
 *
 * @param run the run folder
 * @param config its configuration
 * @param domain the domain plugin
 * @param model the model with restored parameters
 * @param manager owns the parameters; closed with this object
 * @param epoch the epoch of the restored checkpoint
 */
public record LoadedRun(RunDirectory run, RunConfig config, DomainProvider domain, TransitionModel model,
        NDManager manager, int epoch) implements AutoCloseable {

    @Override
    public void close() {
        manager.close();
    }
}
