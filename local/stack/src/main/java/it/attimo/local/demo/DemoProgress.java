package it.attimo.local.demo;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Progress of the demo over its virtual hours: a bar on a terminal, a line every 10% otherwise. */
interface DemoProgress extends AutoCloseable {
    void step(String message);

    @Override
    void close();

    static DemoProgress on(PrintStream err, long steps, boolean terminal) {
        if (terminal) {
            ProgressBar bar = new ProgressBarBuilder()
                    .setTaskName("demo")
                    .setInitialMax(steps)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUnit(" h", 1)
                    .setConsumer(new ConsoleProgressBarConsumer(err))
                    .setUpdateIntervalMillis(250)
                    .build();
            return new DemoProgress() {
                @Override
                public void step(String message) {
                    bar.setExtraMessage(" " + message);
                    bar.step();
                }

                @Override
                public void close() {
                    bar.close();
                }
            };
        }
        return new DemoProgress() {
            private long done;

            @Override
            public void step(String message) {
                done++;
                if (done == steps || done % Math.max(1, steps / 10) == 0) {
                    err.println("demo: " + (100 * done / steps) + "% (" + done + "/" + steps + " h) " + message);
                    err.flush();
                }
            }

            @Override
            public void close() {}
        };
    }
}
