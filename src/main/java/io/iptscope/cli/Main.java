package io.iptscope.cli;

import io.iptscope.log.Logging;
import io.iptscope.report.ToolVersion;
import io.iptscope.restore.RestoreException;
import io.iptscope.ui.GuiLauncher;
import io.iptscope.ui.GuiOptions;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code iptscope} command line; {@code bin/iptscope} and the installed launcher start here. */
@Command(name = "iptscope", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Shows which iptables backend (legacy or nf_tables) holds which rules, and which binary each "
                + "known heuristic would choose, and why.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:findings of severity error", "2:usage error", "3:could not inspect",
            "4:ssh connection failed or lost", "5:a file could not be read or written",
            "70:internal error (stack trace in the log file)"})
public final class Main implements Runnable {

    @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Log details (commands run, timings, stack traces) to stderr as well as to the log file "
                    + "under $XDG_STATE_HOME/iptscope/ (default ~/.local/state/iptscope/).")
    boolean verbose;

    /** The subcommands, in the order {@code --help} lists them. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(DetectCommand.class, NetnsCommand.class,
            SaveCommand.class, SnapshotsCommand.class, RestoreCommand.class, ConfirmCommand.class,
            RollbackCommand.class, MigrateCommand.class, ContainersCommand.class, ContextsCommand.class,
            WatchCommand.class, CheckCommand.class, ShowCommand.class, DiffCommand.class, GraphCommand.class,
            HostsCommand.class, GuiCommand.class);

    /** Options of the top command alone; with -V or --version among them, no subcommand's model is needed. */
    private static final Set<String> VERSION_RUN = Set.of("-V", "--version", "--verbose");

    public static void main(String[] args) {
        prepare(args);
        ProgressLine.installOnTerminal();
        if (args.length == 0) {
            // The window, without building picocli's model of every command first (issue 13, start fast): its
            // classes are Java 5 class files, which the class-data-sharing archive cannot hold.
            Logging.configure(false);
            try {
                new Main().run();
            } catch (RuntimeException e) {
                System.exit(failure(e, new java.io.PrintWriter(System.err, true), new ExitCodes()));
            }
            System.exit(ExitCodes.OK);
        }
        System.exit(commandLine(args).execute(args));
    }

    /**
     * Starts what the run needs first beside picocli's building of its model (some 0.1 s of one core): the
     * annotations picocli reads, the logging system, and for a detection Jackson and the owner catalogue, so that they
     * are ready when the command needs them instead of being started by it (issue 13, start fast).
     */
    private static void prepare(String[] args) {
        String first = firstWord(args);
        Thread prepare = new Thread(() -> {
            try {
                if (args.length > 0) {
                    readAnnotations(Main.class);
                    subcommands(args).forEach(Main::readAnnotations);
                }
                log();
                if (DetectCommand.NAME.equals(first)) {
                    DetectCommand.prepare(args);
                }
            } catch (RuntimeException | Error e) {
                // What failed here fails again where the command needs it, and is reported there; kept for the log,
                // as a class whose initialisation failed here fails there without its cause.
                prepareFailure = e;
            }
        }, "iptscope-prepare");
        prepare.setDaemon(true);
        prepare.start();
    }

    /** What {@link #prepare} failed with, if it failed; logged with an internal error of the run. */
    private static volatile Throwable prepareFailure;

    private static System.Logger log() {
        return Logging.logger(Main.class);
    }

    /** The first argument that is not an option: the subcommand's name, when there is one. */
    private static String firstWord(String[] args) {
        return Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst().orElse(null);
    }

    /** The whole command line, every subcommand. */
    public static CommandLine commandLine() {
        return commandLine(SUBCOMMANDS);
    }

    /**
     * The command line {@code args} need: only the subcommand they name, when they name one, and none for the
     * version. picocli builds the model of every registered command by reflection (its Java 5 classes are verified
     * at every start, archived or not), which was 0.1-0.3 s of every run with all of them; help, a typo or no
     * subcommand get all.
     */
    static CommandLine commandLine(String[] args) {
        return commandLine(subcommands(args));
    }

    /** The subcommands {@code args} need (see {@link #commandLine(String[])}). */
    private static List<Class<?>> subcommands(String[] args) {
        if (Arrays.stream(args).anyMatch(a -> a.equals("-V") || a.equals("--version"))
                && Arrays.stream(args).allMatch(VERSION_RUN::contains)) {
            return List.of();
        }
        String first = firstWord(args);
        return SUBCOMMANDS.stream()
                .filter(c -> c.getAnnotation(Command.class).name().equals(first)).findFirst()
                .map(List::<Class<?>>of).orElse(SUBCOMMANDS);
    }

    /**
     * Reads the annotations picocli will read of a command and its mixins: each kind of annotation is a proxy class
     * made at run time, some milliseconds each, which the side thread can make while picocli starts on the others.
     */
    private static void readAnnotations(Class<?> command) {
        command.getAnnotations();
        for (java.lang.reflect.Field f : command.getDeclaredFields()) {
            f.getAnnotations();
            if (f.isAnnotationPresent(CommandLine.Mixin.class)) {
                readAnnotations(f.getType());
            }
        }
    }

    /**
     * The strategy and the handler are classes, not method references, and the subcommands are added in a loop: a
     * lambda implementing or capturing one of picocli's (Java 5) types links it while the class-data-sharing
     * archive is written, which then leaves it and picocli's CommandLine out (read and parsed at every start).
     */
    private static CommandLine commandLine(List<Class<?>> subcommands) {
        CommandLine cl = new CommandLine(new Main());
        for (Class<?> subcommand : subcommands) {
            cl.addSubcommand(subcommand);
        }
        return cl.setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionStrategy(new ExecuteAndDisconnect())
                .setExitCodeExceptionMapper(new ExitCodes())
                .setExecutionExceptionHandler(new Failure());
    }

    /**
     * Expected failures (a bad argument, a refused restore, a missing netns) get a message, not a stack trace;
     * anything else is a bug: logged with its stack trace and reported with the log file's name. The exit code
     * comes from {@link ExitCodes}.
     */
    private static final class Failure implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
            return failure(e, cl.getErr(), cl.getExitCodeExceptionMapper());
        }
    }

    private static int failure(Exception e, java.io.PrintWriter err, CommandLine.IExitCodeExceptionMapper codes) {
        if (e instanceof RestoreException r) {
            log().log(System.Logger.Level.INFO, "restore refused", e);
            err.println("iptscope: " + r.getMessage());
            r.details().stream().filter(d -> !d.isBlank()).forEach(d -> err.println("  " + d.replace("\n", "\n  ")));
            err.flush();
            return ExitCodes.FINDINGS;
        }
        if (ExitCodes.expected(e)) {
            log().log(System.Logger.Level.INFO, "command failed", e);
            err.println("iptscope: " + e.getMessage());
        } else {
            log().log(System.Logger.Level.ERROR, "internal error", e);
            Throwable first = prepareFailure;
            if (first != null) {
                log().log(System.Logger.Level.ERROR, "preparing the run had failed before", first);
            }
            java.nio.file.Path log = Logging.file();
            err.println("iptscope: internal error: " + e + (log == null ? "" : " (stack trace in " + log + ")"));
        }
        err.flush();
        return codes.getExitCode(e);
    }

    /** Runs the command, then ends the ssh master connection its {@code --ssh} opened, whatever happened. */
    private static final class ExecuteAndDisconnect implements CommandLine.IExecutionStrategy {
        @Override
        public int execute(CommandLine.ParseResult parsed) {
            boolean verbose = false;
            for (CommandLine.ParseResult p = parsed; p != null; p = p.hasSubcommand() ? p.subcommand() : null) {
                verbose |= p.hasMatchedOption("--verbose");
            }
            Logging.configure(verbose);
            // No lambda capturing picocli's ParseResult: the archive cannot hold it, so it would be spun at every start.
            if (log().isLoggable(System.Logger.Level.DEBUG)) {
                log().log(System.Logger.Level.DEBUG, "iptscope " + ToolVersion.get() + ": " + String.join(" ",
                        parsed.originalArgs()));
            }
            try {
                return new CommandLine.RunLast().execute(parsed);
            } finally {
                CommandLine.ParseResult last = parsed;
                while (last.hasSubcommand()) {
                    last = last.subcommand();
                }
                closeHosts(last.commandSpec());
            }
        }
    }

    private static void closeHosts(CommandLine.Model.CommandSpec spec) {
        for (CommandLine.Model.CommandSpec mixin : spec.mixins().values()) {
            if (mixin.userObject() instanceof HostOptions host) {
                host.close();
            }
            closeHosts(mixin);
        }
    }

    @Override
    public void run() {
        GuiLauncher.launch(GuiOptions.defaults());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"iptscope " + ToolVersion.get()};
        }
    }
}
