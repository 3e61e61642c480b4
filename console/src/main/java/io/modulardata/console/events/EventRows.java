package io.modulardata.console.events;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.modulardata.console.ingest.PlatformEvent;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;

/** Renders an event as the table row both the events page and the live stream show. */
@ApplicationScoped
public class EventRows {

    private static final int SUMMARY_LENGTH = 160;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final Template row;
    private final ObjectMapper json;

    public EventRows(@Location("EventsResource/row.html") Template row, ObjectMapper json) {
        this.row = row;
        this.json = json.copy().enable(SerializationFeature.INDENT_OUTPUT)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    public EventRow view(PlatformEvent event) {
        return new EventRow(event.sequence(), event.eventId(), TIME.format(event.occurredAt()), event.topic(), event.type(),
                event.tenantId(), event.actor(), event.aggregateId() + " v" + event.aggregateVersion(),
                event.correlationId(), summary(event.payload()), payloadJson(event));
    }

    public List<EventRow> views(List<PlatformEvent> events) {
        return events.stream().map(this::view).toList();
    }

    /** The row's HTML; the stream writes each of its lines as a data line, which the browser joins again. */
    public String row(PlatformEvent event) {
        return row.data("event", view(event)).render().replace("\r", "");
    }

    static String summary(Map<String, Object> payload) {
        String text = payload.entrySet().stream()
                .filter(entry -> entry.getValue() != null && !(entry.getValue() instanceof Map<?, ?> map && map.isEmpty())
                        && !(entry.getValue() instanceof List<?> list && list.isEmpty()))
                .map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining(" · "));
        return text.length() <= SUMMARY_LENGTH ? text : text.substring(0, SUMMARY_LENGTH - 1) + "…";
    }

    private String payloadJson(PlatformEvent event) {
        try {
            return json.writeValueAsString(event.payload());
        } catch (JsonProcessingException e) {
            return String.valueOf(event.payload());
        }
    }
}
