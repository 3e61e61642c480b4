package io.modulardata.audit.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.modulardata.audit.chain.CanonicalEntry;

/**
 * The order a batch is chained in. A poll returns its records partition by partition, so events of several
 * topics that came in one fetch would be chained by partition rather than in the order they happened. Each
 * partition keeps its own order (Kafka's, the one its producer committed in), and the partitions are merged by
 * {@code occurredAt}: the next entry is always the earliest of the partitions' next ones.
 */
final class OccurrenceOrder {

    private OccurrenceOrder() {
    }

    static List<CanonicalEntry> of(List<CanonicalEntry> asRead) {
        Map<String, List<CanonicalEntry>> byPartition = new LinkedHashMap<>();
        for (CanonicalEntry entry : asRead) {
            byPartition.computeIfAbsent(entry.entry().topic() + "-" + entry.entry().partition(), key -> new ArrayList<>()).add(entry);
        }
        if (byPartition.size() < 2) {
            return asRead;
        }
        List<List<CanonicalEntry>> partitions = new ArrayList<>(byPartition.values());
        int[] next = new int[partitions.size()];
        List<CanonicalEntry> merged = new ArrayList<>(asRead.size());
        while (merged.size() < asRead.size()) {
            int earliest = -1;
            for (int p = 0; p < partitions.size(); p++) {
                if (next[p] < partitions.get(p).size()
                        && (earliest < 0 || before(partitions.get(p).get(next[p]), partitions.get(earliest).get(next[earliest])))) {
                    earliest = p;
                }
            }
            merged.add(partitions.get(earliest).get(next[earliest]++));
        }
        return merged;
    }

    /** Strictly earlier: of two partitions' entries of the same instant, the one read first goes first. */
    private static boolean before(CanonicalEntry candidate, CanonicalEntry current) {
        return candidate.entry().occurredAt().isBefore(current.entry().occurredAt());
    }
}
