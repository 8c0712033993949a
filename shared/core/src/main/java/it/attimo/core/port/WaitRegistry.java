package it.attimo.core.port;

import it.attimo.core.journey.ParkedWait;
import java.util.List;

/** Task tokens of journeys waiting for a customer's event. */
public interface WaitRegistry {
    void park(ParkedWait wait);

    List<ParkedWait> waitingFor(String customerId, String eventType);

    List<ParkedWait> forCustomer(String customerId);

    void remove(ParkedWait wait);

    void erase(String customerId);
}
