package it.attimo.sfn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void passThenWaitThenSucceedRunsOnTheVirtualClock() {
    Harness h = new Harness(r -> null).register("""
        {"StartAt":"P","States":{
          "P":{"Type":"Pass","Result":{"x":1},"ResultPath":"$.r","Next":"W"},
          "W":{"Type":"Wait","Seconds":60,"Next":"S"},
          "S":{"Type":"Succeed"}}}""");
    ExecutionDescription d = h.run("{\"a\":true}");
    assertThat(d.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(d.output()).contains(Harness.json("{\"a\":true,\"r\":{\"x\":1}}"));
    assertThat(d.stopDate()).contains(Harness.T0.plusSeconds(60));
  }
}
