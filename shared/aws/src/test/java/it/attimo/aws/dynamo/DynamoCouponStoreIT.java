package it.attimo.aws.dynamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.attimo.aws.testing.LocalDynamo;
import it.attimo.core.coupon.Coupon;
import it.attimo.core.coupon.Redemption;
import it.attimo.core.port.CouponStore;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Coupons on DynamoDB Local: one code per issue key, a code never given twice, one redemption per coupon. */
class DynamoCouponStoreIT {
    static final DynamoDbClient CLIENT = LocalDynamo.shared().client();
    static final String PREFIX = LocalDynamo.shared().freshTables("coupons");
    static final Instant T = Instant.parse("2026-06-10T08:00:00Z");
    final DynamoCouponStore coupons = new DynamoCouponStore(CLIENT, PREFIX);

    static Coupon coupon(String code, String issueKey, String customer) {
        return new Coupon(code, issueKey, customer, "o-1", "delivery-delay", T, null, null);
    }

    @Test
    void aRetriedIssueGetsTheFirstCodeAndATakenCodeIsRefused() {
        Coupon first = coupons.issue(coupon("SCUSE-AAAAAAAAA1", "exec-1#apology", "c-1"));
        Coupon retry = coupons.issue(coupon("SCUSE-AAAAAAAAA2", "exec-1#apology", "c-1"));
        assertThat(retry.code()).isEqualTo("SCUSE-AAAAAAAAA1");
        assertThat(retry).isEqualTo(first);
        assertThat(coupons.find("SCUSE-AAAAAAAAA2")).isEmpty();
        assertThatThrownBy(() -> coupons.issue(coupon("SCUSE-AAAAAAAAA1", "exec-2#apology", "c-2")))
                .isInstanceOf(CouponStore.CodeTakenException.class);
        assertThat(coupons.find("SCUSE-AAAAAAAAA1").orElseThrow().customerId()).isEqualTo("c-1");
        assertThat(coupons.find(null)).isEmpty();
    }

    @Test
    void aCouponIsRedeemedOnceByItsOwnCustomer() {
        coupons.issue(coupon("SCUSE-BBBBBBBBB1", "exec-3#apology", "c-3"));
        Redemption first = coupons.redeem("SCUSE-BBBBBBBBB1", "c-3", "o-7", T.plusSeconds(60));
        assertThat(first.outcome()).isEqualTo(Redemption.Outcome.REDEEMED);
        assertThat(first.coupon().redeemedBy()).isEqualTo("o-7");
        // the same order again (a redelivered event) changes nothing
        Redemption again = coupons.redeem("SCUSE-BBBBBBBBB1", "c-3", "o-7", T.plusSeconds(120));
        assertThat(again.outcome()).isEqualTo(Redemption.Outcome.REDEEMED);
        assertThat(again.coupon().redeemedAt()).isEqualTo(T.plusSeconds(60));
        Redemption second = coupons.redeem("SCUSE-BBBBBBBBB1", "c-3", "o-8", T.plusSeconds(180));
        assertThat(second.outcome()).isEqualTo(Redemption.Outcome.ALREADY_REDEEMED);
        assertThat(second.coupon().redeemedBy()).isEqualTo("o-7");
        assertThat(coupons.redeem("SCUSE-BBBBBBBBB1", "c-other", "o-9", T).outcome())
                .isEqualTo(Redemption.Outcome.NOT_YOURS);
        assertThat(coupons.redeem("SCUSE-NOPE", "c-3", "o-9", T).outcome()).isEqualTo(Redemption.Outcome.UNKNOWN);
        assertThat(coupons.redeem("SCUSE-BBBBBBBBB1", "c-3", null, T).outcome()).isEqualTo(Redemption.Outcome.UNKNOWN);
        assertThat(coupons.find("SCUSE-BBBBBBBBB1").orElseThrow().status()).isEqualTo("redeemed");
    }
}
