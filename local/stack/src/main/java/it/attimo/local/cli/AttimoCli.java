package it.attimo.local.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code attimo}: the local stack, the demo, the state machine tool, the timing helpers, the cost estimate and
 * the customer-lifetime model. */
@Command(
        name = "attimo",
        mixinStandardHelpOptions = true,
        version = "attimo 0.1.0-SNAPSHOT",
        description = "Attimo, the customer-journey engine, on this machine.",
        subcommands = {
            ServeCommand.class,
            DemoCommand.class,
            SfnCommand.class,
            HolidaysCommand.class,
            PlanCommand.class,
            RecommendCommand.class,
            DlqCommand.class,
            CostCommand.class,
            PreviewCommand.class,
            ClvCommand.class,
            QrCommand.class
        })
public final class AttimoCli implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(),
                "a command is required: " + String.join(", ", spec.subcommands().keySet()));
    }

    public static void main(String[] args) {
        quietJavaUtilLogging();
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new AttimoCli());
        cli.setParameterExceptionHandler(AttimoCli::usageError);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("attimo " + commandLine.getCommandName() + ": " + oneLine(e));
            commandLine.getErr().flush();
            return e instanceof IllegalArgumentException ? CommandLine.ExitCode.USAGE : CommandLine.ExitCode.SOFTWARE;
        });
        return cli;
    }

    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("attimo: " + e.getMessage());
        err.println("try: " + cmd.getCommandSpec().qualifiedName() + " --help");
        err.flush();
        return CommandLine.ExitCode.USAGE;
    }

    /** The core logs per-message decisions at INFO through java.util.logging: useful on Lambda, noise in a terminal. */
    private static void quietJavaUtilLogging() {
        String level = System.getenv("ATTIMO_LOG_LEVEL");
        java.util.logging.Level jul;
        try {
            jul = level == null || level.isBlank()
                    ? java.util.logging.Level.WARNING
                    : java.util.logging.Level.parse(level);
        } catch (IllegalArgumentException e) {
            jul = java.util.logging.Level.WARNING;
        }
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.setLevel(jul);
        for (java.util.logging.Handler handler : root.getHandlers()) {
            handler.setLevel(jul);
        }
    }

    static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replace('\n', ' ');
    }
}
