package org.epnsj.reports.experiment;

import java.nio.file.Path;

/**
 * A drawn figure and its caption.
 *
 * @param file the image in the experiment's {@code figures/}
 * @param caption what it shows, under it on the page and in {@code results.md}
 */
record Figure(Path file, String caption) {}
