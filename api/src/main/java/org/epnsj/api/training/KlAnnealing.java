package org.epnsj.api.training;

/**
 * The cyclical beta schedule of the KL term (spec section 1.3).
 *
 * <p>With E epochs, cycle length c = E / cycles (integer division) and p = ((epoch mod c) + 1) / c,
 * beta(epoch) = betaMax when p > increaseProportion or epoch >= cycles * c, and
 * betaMax * p / increaseProportion otherwise.
 *
 * @param betaMax the plateau value
 * @param cycles the number of cycles, >= 1
 * @param increaseProportion the fraction of each cycle spent rising, in (0, 1]
 */
public record KlAnnealing(double betaMax, int cycles, double increaseProportion) {

    /** n-body preset: one cycle rising over the whole run to beta 1. */
    public static final KlAnnealing LINEAR_OVER_RUN = new KlAnnealing(1.0, 1, 1.0);

    /** Validates the fields. */
    public KlAnnealing {
        Checks.nonNegative("betaMax", betaMax);
        Checks.atLeast("cycles", cycles, 1);
        if (!(increaseProportion > 0 && increaseProportion <= 1)) {
            throw new IllegalArgumentException("increaseProportion must be in (0, 1], got " + increaseProportion);
        }
    }

    /** A constant beta (no annealing). */
    public static KlAnnealing constant(double beta) {
        return new KlAnnealing(beta, 1, Double.MIN_VALUE);
    }

    /** The KL weight at {@code epoch} (0-based) of a run of {@code totalEpochs} epochs. */
    public double beta(int epoch, int totalEpochs) {
        if (epoch < 0 || totalEpochs < 1) {
            throw new IllegalArgumentException("epoch " + epoch + " of " + totalEpochs + " epochs");
        }
        int cycleLength = Math.max(1, totalEpochs / cycles);
        double p = ((epoch % cycleLength) + 1) / (double) cycleLength;
        if (p > increaseProportion || epoch >= cycles * cycleLength) {
            return betaMax;
        }
        return betaMax * p / increaseProportion;
    }
}
