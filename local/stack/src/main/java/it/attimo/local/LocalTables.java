package it.attimo.local;

import it.attimo.aws.dynamo.AttimoTables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * Attimo's tables in DynamoDB Local, with TTL left off. DynamoDB Local (3.x) deletes expired items by the wall clock,
 * while the stack stamps expiry times from its virtual clock: whenever virtual time is behind wall time (tests, demos,
 * {@code --start} in the past) parked waits (which expire at park + timeout + 1 h) vanished within seconds of being
 * written, so no event or tier change ever woke a journey again. Locally nothing expires; on AWS the template turns
 * TTL on.
 */
final class LocalTables {
  private LocalTables() {
  }

  /** Creates every missing table and turns TTL off where an earlier start on the same data dir turned it on. */
  static void createWithoutExpiry(DynamoDbClient ddb, String prefix) {
    try (DynamoDbWaiter waiter = ddb.waiter()) {
      for (AttimoTables.TableSpec spec : AttimoTables.all()) {
        String name = spec.nameFor(prefix);
        try {
          ddb.createTable(AttimoTables.createRequest(prefix, spec));
        } catch (ResourceInUseException alreadyThere) {
          // created by an earlier start on the same data dir
        }
        waiter.waitUntilTableExists(b -> b.tableName(name));
        if (spec.ttl()) {
          disableTtl(ddb, name);
        }
      }
    }
  }

  private static void disableTtl(DynamoDbClient ddb, String table) {
    TimeToLiveDescription ttl = ddb.describeTimeToLive(b -> b.tableName(table)).timeToLiveDescription();
    TimeToLiveStatus status = ttl == null ? null : ttl.timeToLiveStatus();
    if (status == TimeToLiveStatus.ENABLED || status == TimeToLiveStatus.ENABLING) {
      ddb.updateTimeToLive(b -> b.tableName(table)
          .timeToLiveSpecification(t -> t.attributeName(ttl.attributeName()).enabled(false)));
    }
  }
}
