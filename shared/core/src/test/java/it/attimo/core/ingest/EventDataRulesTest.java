package it.attimo.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import it.attimo.core.event.EventTypes;
import it.attimo.core.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventDataRulesTest {
    final EventDataRules rules = new EventDataRules();

    String check(String type, String dataJson) throws Exception {
        JsonNode data = Json.parse(dataJson);
        return rules.check(type, data);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                // customer.upserted
                "customer.upserted|{}|",
                "customer.upserted|{\"segment\":\"b2b\",\"comune\":\"015146\",\"email\":\"a@b.it\",\"phone\":\"+39 333 1234567\",\"locale\":\"it-IT\",\"consent\":{\"email\":true,\"sms\":{\"granted\":false,\"source\":\"form\"}}}|",
                "customer.upserted|{\"segment\":\"B2B\"}|segment must be b2b or b2c",
                "customer.upserted|{\"segment\":\"enterprise\"}|segment must be b2b or b2c",
                "customer.upserted|{\"comune\":15146}|comune must be a 6-digit ISTAT code as a string (e.g. \"015146\")",
                "customer.upserted|{\"comune\":\"15146\"}|comune must be a 6-digit ISTAT code as a string (e.g. \"015146\")",
                "customer.upserted|{\"email\":\"not-an-address\"}|email is not a valid address",
                "customer.upserted|{\"email\":42}|email is not a valid address",
                "customer.upserted|{\"phone\":\"call me\"}|phone must be digits, optionally with a leading + (E.164)",
                "customer.upserted|{\"locale\":\"italian\"}|locale must look like it or it-IT",
                "customer.upserted|{\"locale\":\"it\"}|",
                "customer.upserted|{\"consent\":true}|consent must be an object of channel -> boolean",
                "customer.upserted|{\"consent\":{\"fax\":true}}|consent.fax is not a channel (email, sms, push)",
                "customer.upserted|{\"consent\":{\"sms\":\"yes\"}}|consent.sms must be true/false or {\"granted\": bool, \"source\": ...}",
                "customer.upserted|{\"consent\":{\"sms\":{\"source\":\"x\"}}}|consent.sms must be true/false or {\"granted\": bool, \"source\": ...}",
                "customer.upserted|{\"segment\":null,\"comune\":null,\"email\":null}|",
                // forms
                "form.started|{\"formId\":\"f\"}|",
                "form.started|{}|formId is required (non-empty string)",
                "form.abandoned|{\"formId\":\" \"}|formId is required (non-empty string)",
                "form.completed|{\"formId\":\"f\",\"durationSeconds\":120.5,\"errors\":0}|",
                "form.completed|{\"durationSeconds\":120}|formId is required (non-empty string)",
                "form.completed|{\"formId\":\"f\",\"durationSeconds\":\"120\"}|durationSeconds must be a number",
                "form.completed|{\"formId\":\"f\",\"durationSeconds\":-1}|durationSeconds must be between 0 and 2592000",
                "form.completed|{\"formId\":\"f\",\"errors\":1.5}|errors must be an integer",
                "form.completed|{\"formId\":\"f\",\"errors\":-1}|errors must be between 0 and 10000",
                // video
                "video.watched|{\"videoId\":\"v\",\"watchedSeconds\":86400}|",
                "video.watched|{\"watchedSeconds\":10}|videoId is required (non-empty string)",
                "video.watched|{\"videoId\":\"v\",\"watchedSeconds\":86401}|watchedSeconds must be between 0 and 86400",
                // survey
                "survey.answered|{\"nps\":10}|",
                "survey.answered|{\"csat\":1}|",
                "survey.answered|{}|nps or csat is required",
                "survey.answered|{\"nps\":11}|nps must be between 0 and 10",
                "survey.answered|{\"nps\":7.5}|nps must be an integer",
                "survey.answered|{\"csat\":0}|csat must be between 1 and 5",
                "survey.answered|{\"nps\":5,\"csat\":6}|csat must be between 1 and 5",
                // delivery
                "delivery.delayed|{}|orderId is required (non-empty string)",
                "delivery.delayed|{\"orderId\":\"o-1\"}|delayHours is required (a number)",
                "delivery.delayed|{\"orderId\":\"o-1\",\"delayHours\":48,\"reason\":\"sciopero\"}|",
                "delivery.delayed|{\"orderId\":\"o-1\",\"delayHours\":\"72\"}|delayHours must be a number",
                "delivery.delayed|{\"orderId\":\"o-1\",\"delayHours\":-2}|delayHours must be between 0 and 8760",
                "delivery.delayed|{\"orderId\":\"o-1\",\"delayHours\":50,\"reason\":7}|reason must be a non-empty string",
                // orders
                "order.delivered|{\"orderId\":\"o-1\"}|",
                "order.delivered|{\"orderId\":\"o-1\",\"items\":[{\"sku\":\"A1\",\"name\":\"Trapano\",\"category\":\"utensili\",\"price\":89.9}],\"total\":89.9,\"currency\":\"EUR\",\"deliveredBy\":\"BRT\"}|",
                "order.placed|{\"orderId\":\"o-1\",\"total\":10,\"currency\":\"EUR\",\"coupon\":\"SCUSE-AB12\"}|",
                "order.shipped|{\"items\":[]}|orderId is required (non-empty string)",
                "order.placed|{\"orderId\":\"o-1\",\"items\":[]}|items must be a non-empty array of {sku, name, category, price}",
                "order.placed|{\"orderId\":\"o-1\",\"items\":{}}|items must be a non-empty array of {sku, name, category, price}",
                "order.placed|{\"orderId\":\"o-1\",\"items\":[7]}|items[0] must be an object {sku, name, category, price}",
                "order.placed|{\"orderId\":\"o-1\",\"items\":[{\"sku\":\"A1\",\"name\":\"x\",\"price\":1}]}|items[0].category is required (non-empty string)",
                "order.placed|{\"orderId\":\"o-1\",\"items\":[{\"sku\":\"A1\",\"name\":\"x\",\"category\":\"c\",\"price\":\"1\"}]}|items[0].price is required (a number between 0 and 10000000)",
                "order.placed|{\"orderId\":\"o-1\",\"total\":-1,\"currency\":\"EUR\"}|total must be between 0 and 10000000",
                "order.placed|{\"orderId\":\"o-1\",\"total\":10,\"currency\":\"euro\"}|currency must be an ISO 4217 code such as EUR",
                "order.placed|{\"orderId\":\"o-1\",\"total\":10}|",
                "order.delivered|{\"orderId\":\"o-1\",\"deliveredBy\":\"\"}|deliveredBy must be a non-empty string",
                "order.returned|{\"orderId\":\"o-1\",\"reason\":\"difettoso\",\"items\":[{\"sku\":\"A1\",\"name\":\"x\",\"category\":\"c\",\"price\":1}]}|",
                "order.returned|{\"reason\":\"difettoso\"}|orderId is required (non-empty string)",
                "support.requested|{\"orderId\":\"o-1\",\"topic\":\"montaggio\"}|",
                "support.requested|{}|",
                "support.requested|{\"orderId\":3}|orderId must be a non-empty string",
                // consent
                "consent.changed|{\"channel\":\"sms\",\"granted\":false}|",
                "consent.changed|{\"channel\":\"fax\",\"granted\":false}|channel must be email, sms or push",
                "consent.changed|{\"granted\":true}|channel must be email, sms or push",
                "consent.changed|{\"channel\":\"email\",\"granted\":\"no\"}|granted (boolean) is required",
                "consent.changed|{\"channel\":\"email\"}|granted (boolean) is required",
                "consent.changed|{\"channel\":\"email\",\"topic\":\"marketing\",\"granted\":false}|",
                "consent.changed|{\"channel\":\"email\",\"topic\":\"offerte\",\"granted\":true}|",
                "consent.changed|{\"channel\":\"email\",\"topic\":\"spam\",\"granted\":false}|topic must be one of marketing, novita, offerte, servizio, sondaggi",
                "consent.changed|{\"channel\":\"email\",\"topic\":7,\"granted\":false}|topic must be one of marketing, novita, offerte, servizio, sondaggi",
                // preferences (preference centre, first-party forms)
                "preferences.updated|{}|",
                "preferences.updated|{\"formId\":\"preferenze\",\"interesse\":\"caldaie\"}|",
                "preferences.updated|{\"preferredChannel\":\"sms\",\"timeBand\":\"sera\",\"interests\":[\"giardino\"],\"topics\":{\"offerte\":false,\"servizio\":true}}|",
                "preferences.updated|{\"preferredChannel\":\"\",\"timeBand\":\"\",\"interests\":[]}|",
                "preferences.updated|{\"preferredChannel\":\"fax\"}|preferredChannel must be email, sms, push or empty (no preference)",
                "preferences.updated|{\"preferredChannel\":3}|preferredChannel must be email, sms, push or empty (no preference)",
                "preferences.updated|{\"timeBand\":\"notte\"}|timeBand must be mattina, pomeriggio, sera or empty (no preference)",
                "preferences.updated|{\"timeBand\":9}|timeBand must be mattina, pomeriggio, sera or empty (no preference)",
                "preferences.updated|{\"interests\":\"giardino\"}|interests must be an array of at most 20 strings",
                "preferences.updated|{\"interests\":[\"\"]}|interests must be non-empty strings of at most 64 characters",
                "preferences.updated|{\"topics\":[]}|topics must be an object of topic -> boolean",
                "preferences.updated|{\"topics\":{\"spam\":false}}|topics.spam is not a topic (marketing, novita, offerte, servizio, sondaggi)",
                "preferences.updated|{\"topics\":{\"offerte\":\"no\"}}|topics.offerte must be true or false",
                // types without data rules
                "order.delivered|{}|orderId is required (non-empty string)",
                "portal.accessed|{\"anything\":[1,2]}|"
            })
    void rule(String type, String data, String expected) throws Exception {
        assertThat(check(type, data)).isEqualTo(expected);
    }

    @Test
    void everyTypeInTheVocabularyHasAnAnswerForEmptyData() throws Exception {
        for (String type : EventTypes.ALL) {
            String problem = check(type, "{}");
            if (problem != null) {
                assertThat(type)
                        .isIn(
                                EventTypes.FORM_STARTED,
                                EventTypes.FORM_ABANDONED,
                                EventTypes.FORM_COMPLETED,
                                EventTypes.VIDEO_WATCHED,
                                EventTypes.SURVEY_ANSWERED,
                                EventTypes.CONSENT_CHANGED,
                                EventTypes.ORDER_PLACED,
                                EventTypes.ORDER_SHIPPED,
                                EventTypes.ORDER_DELIVERED,
                                EventTypes.DELIVERY_DELAYED,
                                EventTypes.ORDER_RETURNED);
            }
        }
    }

    @Test
    void errorsDoNotEchoTheOffendingValue() throws Exception {
        assertThat(check(EventTypes.CUSTOMER_UPSERTED, "{\"email\":\"mario rossi at example\"}"))
                .doesNotContain("mario");
        assertThat(check(EventTypes.CUSTOMER_UPSERTED, "{\"phone\":\"mario 333\"}"))
                .doesNotContain("mario");
    }
}
