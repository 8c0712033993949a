package it.attimo.bench;

import it.attimo.core.channel.Channel;
import it.attimo.core.customer.Segment;
import it.attimo.core.message.CustomerLinkToken;
import it.attimo.core.message.MessageInput;
import it.attimo.core.message.MessageRenderer;
import it.attimo.core.message.Order;
import it.attimo.core.message.RenderedMessage;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What rendering costs a dispatch: {@link MessageRenderer#render} of one post-purchase step (Mustache template,
 * content lookups, links, and for the marketing {@code accessories} e-mail an unsubscribe token), messages per second
 * on one thread; {@code -prof gc} gives bytes per message.
 *
 * <pre>java -cp "$CP" org.openjdk.jmh.Main MessageRenderBenchmark -wi 2 -i 3 -f 1 -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class MessageRenderBenchmark {
    @Param({"welcome", "contextual", "accessories"})
    public String step;

    private MessageRenderer renderer;
    private MessageInput[] inputs;
    private int next;

    @Setup
    public void setUp() {
        renderer = MessageRenderer.bundled(
                "https://shop.example", new CustomerLinkToken("bench-secret", Clock.systemUTC()));
        String kind = renderer.content().kindOf("post-purchase", step);
        Order order = new Order(
                "o-1", List.of(new Order.Item("MW-100", "Forno a microonde Combi 25 L", "elettrodomestici", 189.0)));
        String[] areas = {"Nord-ovest", "Centro", "Sud", "Isole"};
        inputs = new MessageInput[1024];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = new MessageInput(
                    "c-" + i,
                    "post-purchase",
                    step,
                    Channel.EMAIL,
                    kind,
                    "c-" + i + "#post-purchase-c-" + i + "-o-1#" + step,
                    i % 5 == 0 ? Segment.B2B : Segment.B2C,
                    areas[i % areas.length],
                    null,
                    i % 2 == 0 ? "Giulia" : null,
                    order,
                    Map.of("orderId", "o-1"),
                    null);
        }
    }

    @Benchmark
    public RenderedMessage render() {
        MessageInput in = inputs[next];
        next = (next + 1) & (inputs.length - 1);
        return renderer.render(in);
    }
}
