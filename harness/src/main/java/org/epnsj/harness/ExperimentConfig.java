package org.epnsj.harness;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A named experiment, read from {@code experiments/<name>.json} on the class path: one or more
 * studies (a domain at a preset, the arms compared, the training seeds and set sizes), what the
 * tables show and which figures are drawn, and the smaller variant {@code --quick} runs.
 *
 * @param name the experiment's name (its file name)
 * @param title a one-line title
 * @param question what the experiment answers
 * @param budget the compute it needs, measured
 * @param studies the studies, one per domain
 * @param quick how {@code --quick} shrinks it
 */
public record ExperimentConfig(String name, String title, String question, String budget, List<Study> studies,
        Quick quick) {

    /** The experiments shipped with the command line, in the order {@code experiment all} runs them. */
    public static final List<String> NAMES = List.of("main-comparison", "data-efficiency", "latent-prior",
            "multi-step", "long-rollout-stability");

    /** Validates the fields (an experiment file is user-editable, so every problem is named). */
    public ExperimentConfig {
        require(name != null && !name.isBlank(), "an experiment needs a name");
        require(studies != null && !studies.isEmpty(), "experiment '" + name + "' has no studies");
        studies = List.copyOf(studies);
        for (Study s : studies) {
            s.validate(name);
        }
    }

    /**
     * One domain at one preset: every arm is trained once per seed and training-set size.
     *
     * @param domain the domain id
     * @param preset the data and model preset
     * @param dataSeed the seed of the generated data set
     * @param seeds the training seeds
     * @param trainSizes training-set sizes (trajectories, the first ones of the split); null or empty
     *     means the whole split
     * @param arms the variants compared
     * @param table metric names for the tables ({@code name@*} takes every step of a per-step metric)
     * @param figures the figures to draw: a {@link FigureKind} ({@code data-efficiency},
     *     {@code cell-frames}, {@code training}), or the name of a figure the domain's evaluator declares
     *     for one of its metrics ({@link org.epnsj.api.metric.Metric#figure()}), where {@code *} matches
     *     anything ({@code ks-*} takes every KS figure)
     */
    public record Study(String domain, String preset, long dataSeed, List<Long> seeds, List<Integer> trainSizes,
            List<Arm> arms, List<String> table, List<String> figures) {

        /**
         * Figure names of results written before the evaluators declared their figures, and the declared
         * figures they stand for: a results file keeps its report.
         */
        private static final Map<String, String> EARLIER_FIGURES = Map.of("ks-vs-time", "ks-*", "energy-bands",
                "energy", "msd-vs-step", "msd");

        void validate(String experiment) {
            String where = "experiment '" + experiment + "', study '" + domain + "'";
            require(domain != null && preset != null, where + ": domain and preset are required");
            require(seeds != null && !seeds.isEmpty(), where + ": needs at least one training seed");
            require(arms != null && !arms.isEmpty(), where + ": needs at least one arm");
            for (Arm a : arms) {
                require(a.label() != null && a.model() != null, where + ": every arm needs a label and a model");
                a.strategy();
            }
            if (trainSizes != null) {
                trainSizes.forEach(n -> require(n == null || n >= 1, where + ": training-set sizes must be >= 1"));
            }
            for (String f : figureNames()) {
                require(f != null && f.matches("[a-z0-9*-]+"), where + ": figure '" + f + "' is neither one of "
                        + FigureKind.NAMES + " nor a figure name (lower-case letters, digits, '-', '*')");
            }
        }

        /** The training-set sizes, {@code null} standing for the whole split. */
        public List<Integer> sizes() {
            return trainSizes == null || trainSizes.isEmpty() ? Arrays.asList((Integer) null) : trainSizes;
        }

        /** The figures to draw, in order (none if unset), with names of earlier results replaced by today's. */
        public List<String> figureNames() {
            return figures == null ? List.of() : figures.stream().map(f -> EARLIER_FIGURES.getOrDefault(f, f)).toList();
        }

        /** Whether the figures include the built-in kind. */
        public boolean draws(FigureKind kind) {
            return figureNames().contains(kind.configName());
        }

        /** Whether the report draws frames of rollouts ({@link FigureRollouts}): cell or swarm frames. */
        public boolean drawsFrames() {
            return draws(FigureKind.CELL_FRAMES) || draws(FigureKind.SWARM_FRAMES);
        }

        /** The table's metric patterns (none if unset). */
        public List<String> tableMetrics() {
            return table == null ? List.of() : table;
        }

        Study shrunk(Quick q) {
            String p = q.presets() != null && q.presets().containsKey(domain) ? q.presets().get(domain) : preset;
            List<Integer> sizes = trainSizes == null || trainSizes.isEmpty() ? trainSizes
                    : q.trainSizes() != null && q.trainSizes().containsKey(domain) ? q.trainSizes().get(domain)
                            : trainSizes;
            return new Study(domain, p, dataSeed, q.seeds() != null ? q.seeds() : seeds, sizes, arms, table, figures);
        }
    }

    /**
     * One variant compared.
     *
     * @param label the name shown in tables and legends
     * @param model the domain's model
     * @param training {@code one-step}, {@code multi-step} or null for the preset's own
     */
    public record Arm(String label, String model, String training) {

        /** The training strategy override, or null for the preset's. */
        public org.epnsj.api.training.TrainingStrategy strategy() {
            if (training == null) {
                return null;
            }
            return switch (training) {
                case "one-step" -> org.epnsj.api.training.TrainingStrategy.ONE_STEP;
                case "multi-step" -> org.epnsj.api.training.TrainingStrategy.MULTI_STEP;
                default -> throw new IllegalArgumentException("arm '" + label + "': unknown training '" + training
                        + "'; use one-step or multi-step");
            };
        }
    }

    /**
     * The {@code --quick} variant: the same code path on small presets and few epochs.
     *
     * @param presets preset per domain
     * @param epochs epochs per run
     * @param seeds training seeds
     * @param trainSizes training-set sizes per domain (for experiments that vary them)
     */
    public record Quick(Map<String, String> presets, Integer epochs, List<Long> seeds,
            Map<String, List<Integer>> trainSizes) {}

    /** The quick variant of this experiment. */
    public ExperimentConfig quickVariant() {
        require(quick != null, "experiment '" + name + "' has no quick variant");
        List<Study> s = new ArrayList<>();
        for (Study study : studies) {
            s.add(study.shrunk(quick));
        }
        return new ExperimentConfig(name, title + " (quick)", question, "a few minutes: " + quick.epochs()
                + " epoch(s) per run on the smallest presets; the figures show the code path, not results", s, quick);
    }

    /** This experiment with only the studies of the given domains. */
    public ExperimentConfig onlyDomains(List<String> domains) {
        List<Study> kept = studies.stream().filter(s -> domains.contains(s.domain())).toList();
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("experiment '" + name + "' has no study of " + domains + "; its domains: "
                    + studies.stream().map(Study::domain).toList());
        }
        return new ExperimentConfig(name, title, question, budget, kept, quick);
    }

    /** Epochs per run, or null for each preset's own. */
    public Integer epochsOverride(boolean quickRun) {
        return quickRun && quick != null ? quick.epochs() : null;
    }

    /** Reads a shipped experiment. */
    public static ExperimentConfig named(String name) throws IOException {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("no experiment '" + name + "'; experiments: " + NAMES + " (or all)");
        }
        String resource = "/experiments/" + name + ".json";
        try (InputStream in = ExperimentConfig.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("experiment file " + resource + " is missing from the class path");
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8), resource);
        }
    }

    static ExperimentConfig parse(java.io.Reader reader, String source) {
        ExperimentConfig c;
        try {
            c = new Gson().fromJson(reader, ExperimentConfig.class);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(source + " is not a valid experiment: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // Gson wraps what the records' constructors reject; their message names the problem.
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof IllegalArgumentException named) {
                    throw new IllegalArgumentException(source + ": " + named.getMessage(), e);
                }
            }
            throw e;
        }
        if (c == null) {
            throw new IllegalArgumentException(source + " is empty");
        }
        return c;
    }

    /**
     * Whether a name of the tables or figures matches a pattern of an experiment file: the pattern with
     * {@code *} matching any text (possibly none), everything else literally.
     */
    public static boolean matches(String pattern, String name) {
        String regex = java.util.Arrays.stream(pattern.split("\\*", -1)).map(java.util.regex.Pattern::quote)
                .reduce((a, b) -> a + ".*" + b).orElse("");
        return name.matches(regex);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
