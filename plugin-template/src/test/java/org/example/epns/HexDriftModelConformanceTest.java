package org.example.epns;

import java.util.List;
import org.epnsj.api.group.GroupAction;
import org.epnsj.api.group.TrivialAction;
import org.epnsj.api.model.TransitionModel;
import org.epnsj.api.spi.ModelContext;
import org.epnsj.conformance.SampleGenerator;
import org.epnsj.conformance.TransitionModelContract;
import org.example.epns.c6.C6Group;
import org.example.epns.c6.PlanarTurnAction;
import org.example.epns.c6.Turn;
import org.example.epns.hexdrift.HexDriftDomain;
import org.example.epns.hexdrift.HexDriftModel;

/**
 * The model's contract written out, for what discovery cannot know: here a smaller network, and the
 * statistical rule on its rollouts (tagged slow: {@code mvn verify -Pslow}).
 */
class HexDriftModelConformanceTest implements TransitionModelContract<Turn> {

    private final C6Group group = new C6Group();
    private final HexDriftDomain domain = new HexDriftDomain();

    @Override
    public TransitionModel createModel(ModelContext context) {
        return new HexDriftModel(context, 16, 2);
    }

    @Override
    public SampleGenerator states() {
        return rng -> domain.simulator("tiny").initialState(rng);
    }

    @Override
    public GroupAction<Turn> stateAction() {
        return new PlanarTurnAction(group, "planar particle");
    }

    /** z (2, 2) per sample: two planar vectors that turn with the state. */
    @Override
    public GroupAction<Turn> latentAction() {
        return new PlanarTurnAction(group, "planar latents");
    }

    /** h = (invariant features, the state itself). */
    @Override
    public List<GroupAction<Turn>> hiddenActions() {
        return List.of(new TrivialAction<>(group, "invariant features"), stateAction());
    }

    @Override
    public String pluginId() {
        return "hex-drift/epns (contract)";
    }
}
