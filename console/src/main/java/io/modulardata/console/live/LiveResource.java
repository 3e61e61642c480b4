package io.modulardata.console.live;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.modulardata.console.events.EventFilter;
import io.modulardata.console.signin.Viewer;
import io.modulardata.identity.Roles;
import io.smallrye.mutiny.Multi;

/**
 * The live stream (Server-Sent Events) every page opens. The user's scope is fixed when the stream opens
 * and applied to each event before it is written: a tenant's user never receives another tenant's event.
 */
@Path("/live")
@RolesAllowed({Roles.PLATFORM_ADMIN, Roles.AUDITOR, Roles.TENANT_ADMIN, Roles.TENANT_USER})
public class LiveResource {

    private final LiveStream stream;
    private final Viewer viewer;

    public LiveResource(LiveStream stream, Viewer viewer) {
        this.stream = stream;
        this.viewer = viewer;
    }

    /**
     * {@code after}: replay the kept events numbered above it first; a reconnecting browser sends the last id
     * it saw as {@code Last-Event-ID}, which wins.
     */
    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Live platform events as server-sent events, filtered by tenant and type")
    public Multi<OutboundSseEvent> open(@QueryParam("tenant") String tenant, @QueryParam("type") String type,
            @QueryParam("topic") String topic, @QueryParam("after") String after,
            @HeaderParam("Last-Event-ID") String lastEventId, @Context Sse sse) {
        long replayAfter = number(lastEventId, number(after, 0));
        return stream.open(viewer.scope(), EventFilter.of(tenant, type, topic).within(viewer.scope()), replayAfter)
                .map(message -> {
                    OutboundSseEvent.Builder event = sse.newEventBuilder().name(message.name()).data(message.data())
                            .mediaType(MediaType.TEXT_PLAIN_TYPE);
                    if (message.id() != null) {
                        event.id(message.id());
                    }
                    return event.build();
                });
    }

    private static long number(String text, long fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Math.max(0, Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
