package io.modulardata.audit.query;

import java.util.List;
import java.util.function.Function;

import io.modulardata.audit.chain.AuditEntry;

/** Cuts a "limit + 1" result into a page and the cursor after its last entry. */
public final class Pages {

    private Pages() {
    }

    public static <T> EventPage<T> of(List<AuditEntry> rows, int limit, Function<AuditEntry, T> view) {
        boolean more = rows.size() > limit;
        List<AuditEntry> page = more ? rows.subList(0, limit) : rows;
        String next = more ? Cursor.after(page.get(page.size() - 1)).encode() : null;
        return new EventPage<>(page.stream().map(view).toList(), next);
    }
}
