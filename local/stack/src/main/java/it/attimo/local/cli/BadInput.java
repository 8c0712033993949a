package it.attimo.local.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;

/** How the timing commands refuse bad input: one line on stderr, {@code attimo <command>: <reason>}, and exit code 2. */
final class BadInput {
    static final int EXIT_CODE = 2;

    private BadInput() {}

    /** Prints the refusal; @return the exit code to return from the command */
    static int report(CommandSpec spec, Exception e) {
        spec.commandLine().getErr().println("attimo " + spec.name() + ": " + e.getMessage());
        return EXIT_CODE;
    }

    /** @throws IllegalArgumentException naming the option when {@code file} cannot be read */
    static void requireReadable(String option, Path file) {
        if (!Files.isReadable(file)) throw new IllegalArgumentException(option + ": cannot read " + file);
    }
}
