package it.attimo.core.message;

import it.attimo.core.channel.Channel;
import it.attimo.core.customer.Segment;
import java.util.List;
import java.util.Map;

/**
 * Everything a message is rendered from. {@code firstName} only where the customer's consented data has it;
 * {@code order} may be null (no order, or its events lack items); {@code context} holds the dispatch step's ids
 * ({@code orderId}, {@code coupon}, {@code experimentId}, {@code experimentArm}).
 *
 * @param kind     transactional, service, survey or marketing
 * @param macroArea ISTAT macro-area or area label, null when unknown
 * @param tone     the profile's tone, which overrides the rule; null for the rule alone
 * @param interests product categories the customer chose in the preference centre (ids of catalogue.json), none when
 *                  not stated
 */
public record MessageInput(
        String customerId,
        String journey,
        String step,
        Channel channel,
        String kind,
        String messageKey,
        Segment segment,
        String macroArea,
        String tone,
        String firstName,
        Order order,
        Map<String, String> context,
        List<String> interests) {
    public MessageInput {
        context = context == null ? Map.of() : Map.copyOf(context);
        interests = interests == null ? List.of() : List.copyOf(interests);
    }

    @Override
    public String toString() {
        return "MessageInput[" + journey + "." + step + " " + channel + " " + messageKey + "]";
    }
}
