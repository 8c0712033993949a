package it.attimo.aws.channel;

import io.micronaut.core.util.SupplierUtil;
import it.attimo.core.channel.Channel;
import it.attimo.core.journey.OutboundMessage;
import it.attimo.core.port.ChannelGateway;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/** Sends each message through the gateway configured for its channel. */
public final class RoutingChannelGateway implements ChannelGateway {
    private final Map<Channel, ChannelGateway> routes;

    public RoutingChannelGateway(Map<Channel, ChannelGateway> routes) {
        this.routes = routes.isEmpty() ? new EnumMap<>(Channel.class) : new EnumMap<>(routes);
    }

    /** Every channel to the same gateway (the local outbox). */
    public static RoutingChannelGateway allTo(ChannelGateway gateway) {
        Map<Channel, ChannelGateway> routes = new EnumMap<>(Channel.class);
        for (Channel c : Channel.values()) routes.put(c, gateway);
        return new RoutingChannelGateway(routes);
    }

    /**
     * A route whose gateway (and its SDK client) is built on the first message it carries, once: the journey
     * function's plan, wait and evaluate steps never send, so its init no longer builds the SES and SNS clients
     * (SnapStart priming still builds and walks them before the snapshot, as beans of the context).
     */
    public static ChannelGateway lazy(Supplier<ChannelGateway> gateway) {
        Supplier<ChannelGateway> once = SupplierUtil.memoized(gateway);
        return message -> once.get().send(message);
    }

    @Override
    public String send(OutboundMessage message) {
        ChannelGateway gateway = routes.get(message.channel());
        if (gateway == null)
            throw new UnsupportedChannelException(message.channel(), "no gateway is configured for it");
        return gateway.send(message);
    }
}
