package org.citizenhub.sandbox.synthetic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

import org.citizenhub.mappings.citizen.SourceSystem;

/**
 * Records of a view before they get their ids. Views are built in population order, which would
 * put a household's records next to each other; a real system's ids carry no such hint, so the
 * drafts are shuffled (with the view's own stream) before they are numbered.
 */
final class Drafts {

    private final List<String> personKeys = new ArrayList<>();
    private final List<Map<String, String>> fields = new ArrayList<>();

    /** Starts a record; the caller fills the returned map in column order. */
    Map<String, String> add(String personKey) {
        Map<String, String> f = new LinkedHashMap<>();
        personKeys.add(personKey);
        fields.add(f);
        return f;
    }

    int size() {
        return personKeys.size();
    }

    /**
     * Shuffles, then numbers from 1: the id is {@code idOf(n)}; when {@code idField} is not null the
     * id is also put first into the record's fields (a system whose id is a visible column).
     */
    List<ViewRecord> shuffledAndNumbered(SourceSystem system, SplittableRandom random, IntFunction<String> idOf, String idField) {
        int n = personKeys.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        List<ViewRecord> records = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            int i = order[k];
            String id = idOf.apply(k + 1);
            Map<String, String> f = fields.get(i);
            if (idField != null) {
                Map<String, String> withId = new LinkedHashMap<>();
                withId.put(idField, id);
                withId.putAll(f);
                f = withId;
            }
            records.add(new ViewRecord(system, id, personKeys.get(i), f));
        }
        return records;
    }
}
