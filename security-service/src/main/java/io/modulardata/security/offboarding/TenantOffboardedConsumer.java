package io.modulardata.security.offboarding;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.avro.generic.GenericRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.modulardata.events.TenantOffboarded;
import io.modulardata.kit.command.CommandContext;
import io.modulardata.security.web.TenantIds;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Reads registry-events in one consumer group for all instances (at least once, offsets committed after the
 * shredding) and shreds the keys of every tenant registry-service offboards. The shredding is idempotent, so a
 * redelivery after a crash changes nothing; a failure (database away) is retried, holding the partition, so no
 * offboarding is ever skipped. The shredding carries the offboarding's actor and correlation id.
 */
@ApplicationScoped
public class TenantOffboardedConsumer {

    public static final String CHANNEL = "tenant-offboardings";

    private final TenantShredding shredding;

    public TenantOffboardedConsumer(TenantShredding shredding) {
        this.shredding = shredding;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(GenericRecord event) {
        if (event == null || !TenantOffboarded.class.getName().equals(event.getSchema().getFullName())) {
            // null: an event of another type, left undecoded (EventTypeFilter)
            return Uni.createFrom().voidItem();
        }
        String tenantId = event.get("tenantId").toString();
        if (!TenantIds.isValid(tenantId)) {
            // registry-service never offboards such an id; shredding by id prefix must not meet one either.
            Log.warnf("Ignoring TenantOffboarded %s of an invalid tenant id '%s'", event.get("eventId"), tenantId);
            return Uni.createFrom().voidItem();
        }
        CommandContext context = new CommandContext(event.get("actor").toString(), event.get("correlationId").toString());
        return shredding.shred(tenantId, event.get("eventId").toString(), context)
                .invoke(shredded -> {
                    if (shredded != null) {
                        Log.infof("Tenant %s offboarded: shredded %d key versions and %d subject keys", tenantId,
                                shredded.getTenantKeyVersionsDestroyed(), shredded.getSubjectKeysDestroyed());
                    }
                })
                .onFailure().invoke(failure -> Log.warnf("Cannot shred the keys of offboarded tenant %s yet (retrying): %s",
                        tenantId, failure.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).indefinitely()
                .replaceWithVoid();
    }
}
