package io.modulardata.audit.query;

import java.util.List;

/** A page of entries and the cursor of the next page (null on the last page). */
public record EventPage<T>(List<T> items, String nextCursor) {
}
