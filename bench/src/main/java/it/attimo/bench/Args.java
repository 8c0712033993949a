package it.attimo.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code --name value} arguments and the project directory, for the bench mains. */
public final class Args {
    private Args() {}

    public static Map<String, String> parse(String[] args) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) throw new IllegalArgumentException("unexpected argument " + args[i]);
            String name = args[i].substring(2);
            if (i + 1 < args.length && !args[i + 1].startsWith("--")) out.put(name, args[++i]);
            else out.put(name, "true");
        }
        return out;
    }

    /** The directory holding template.yaml, walking up from the working directory. */
    public static Path projectHome() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("template.yaml"))) p = p.getParent();
        if (p == null) throw new IllegalStateException("run from inside the Attimo checkout (no template.yaml found)");
        return p;
    }
}
