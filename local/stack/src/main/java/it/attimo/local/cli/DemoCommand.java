package it.attimo.local.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code attimo demo}: synthetic Italian customers through the real endpoints at accelerated time. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Replay synthetic Italian customers through the embedded stack across a few virtual days.")
public final class DemoCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UnsupportedOperationException("the demo is being written");
  }
}
