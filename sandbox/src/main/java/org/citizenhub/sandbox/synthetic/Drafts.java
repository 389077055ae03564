package org.citizenhub.sandbox.synthetic;

import java.util.ArrayList;
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
    private final List<FieldValues> fields = new ArrayList<>();
    private final FieldValues.Columns columns;
    /** The column holding the record id when the system shows it (student code, customer code), else null. */
    private final String idField;

    /** A view whose record id is not one of its columns. */
    Drafts(SourceSystem system) {
        this(system, null);
    }

    Drafts(SourceSystem system, String idField) {
        this.idField = idField;
        this.columns = new FieldValues.Columns(ViewFields.of(system));
    }

    /** Starts a record; the caller fills the returned map in column order. */
    Map<String, String> add(String personKey) {
        FieldValues f = new FieldValues(columns);
        if (idField != null) {
            // Reserves the first column; the id is set when the records are numbered.
            f.put(idField, "");
        }
        personKeys.add(personKey);
        fields.add(f);
        return f;
    }

    int size() {
        return personKeys.size();
    }

    /** Shuffles, then numbers from 1: the id is {@code idOf(n)}, also put into the id column if there is one. */
    List<ViewRecord> shuffledAndNumbered(SourceSystem system, SplittableRandom random, IntFunction<String> idOf) {
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
            FieldValues f = fields.get(i);
            if (idField != null) {
                f.put(idField, id);
            }
            f.freeze();
            records.add(new ViewRecord(system, id, personKeys.get(i), f));
        }
        return records;
    }
}
