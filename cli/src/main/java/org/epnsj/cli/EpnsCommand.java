package org.epnsj.cli;

import com.google.inject.CreationException;
import com.google.inject.ProvisionException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import org.epnsj.runtime.engine.Engines;
import org.epnsj.runtime.engine.NativeHeap;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code epns} command line. */
// INHERIT: every subcommand gets --help, -h and --version, so help never meets a missing parameter.
@Command(name = "epns", scope = CommandLine.ScopeType.INHERIT, mixinStandardHelpOptions = true, versionProvider = EpnsCommand.Version.class,
        description = "Equivariant probabilistic neural simulation: generate data, train, sample and evaluate.",
        subcommands = {DomainsCommand.class, GenerateCommand.class, TrainCommand.class, SampleCommand.class,
            EvaluateCommand.class, DemoCommand.class, ExperimentCommand.class, ReportCommand.class,
            CommandLine.HelpCommand.class})
public final class EpnsCommand implements Runnable {

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of errors.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        Engines.configureOffline();
        // Training steps otherwise fault their activations' memory in afresh every step.
        NativeHeap.keepFreedMemory();
        usePluginsAsContextLoader();
        System.exit(execute(args));
    }

    /**
     * Makes the plugin jars' loader the thread's context loader, for libraries that look classes up
     * there. A plugin path that cannot be loaded is left to the command that needs the plugins, which
     * reports it in one line.
     */
    private static void usePluginsAsContextLoader() {
        try {
            Thread.currentThread().setContextClassLoader(PluginLoader.current().loader());
        } catch (RuntimeException e) {
            // Reported by the command.
        }
    }

    /** Runs the command line and returns the exit code (0 success, 1 failure, 2 usage error). */
    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs the command line with the given output streams and returns the exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new EpnsCommand());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            boolean verbose = parseResult.hasMatchedOption("--verbose")
                    || parseResult.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--verbose"));
            PrintWriter errors = commandLine.getErr();
            errors.println("epns: error: " + message(e));
            if (verbose) {
                e.printStackTrace(errors);
            }
            errors.flush();
            return 1;
        });
        return cli.execute(args);
    }

    /** The most useful one-line description of a failure. */
    static String message(Throwable e) {
        Throwable t = e;
        while ((t instanceof UncheckedIOException || t instanceof CreationException || t instanceof ProvisionException
                || t.getMessage() == null) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof CreationException c && !c.getErrorMessages().isEmpty()
                && c.getErrorMessages().iterator().next().getCause() != null) {
            t = c.getErrorMessages().iterator().next().getCause();
        }
        if (t instanceof FileSystemException f && f.getReason() == null && f.getOtherFile() == null) {
            // The JDK's message is then the bare path.
            String what = f instanceof NoSuchFileException ? "no such file or folder"
                    : f instanceof AccessDeniedException ? "permission denied"
                    : f instanceof FileAlreadyExistsException ? "already exists"
                    : f instanceof NotDirectoryException ? "not a folder"
                    : f instanceof DirectoryNotEmptyException ? "the folder is not empty"
                    : f.getClass().getSimpleName();
            return f.getFile() + ": " + what;
        }
        String m = t.getMessage();
        // One line on the terminal whatever the source: some libraries put line breaks in messages.
        return m == null ? t.getClass().getSimpleName() : m.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /** Reports the project version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = EpnsCommand.class.getPackage().getImplementationVersion();
            return new String[] {"epns " + (v == null ? "0.1.0-SNAPSHOT" : v)};
        }
    }
}
