package org.citizenhub.school;

import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Lets term files be stored in parallel without changing what their delivery order means: files are
 * registered in delivery order with the students they name, and a file waits to be stored until no
 * file registered before it that names one of the same students is still open. Files about different
 * students (different schools, as a rule) go side by side; a corrected file is stored after the file
 * it corrects, as if one thread took them in turn.
 *
 * <p>Registration happens on the inbox consumer's thread, in order; waiting and closing on the workers.
 * A file only ever waits for files registered before it, and workers take files in registration order,
 * so the oldest open file can always go on.
 */
final class DeliveryOrder {

    /** Open files by registration number, oldest first, with the students each one names. */
    private final Map<Long, Set<String>> open = new LinkedHashMap<>();
    private long next;

    synchronized long register(Set<String> students) {
        long number = next++;
        open.put(number, students);
        return number;
    }

    /** Blocks until no earlier open file names any of this file's students. */
    synchronized void awaitTurn(long number) throws InterruptedException {
        while (overlapsAnEarlierFile(number)) {
            wait();
        }
    }

    synchronized void close(long number) {
        open.remove(number);
        notifyAll();
    }

    synchronized int openFiles() {
        return open.size();
    }

    private boolean overlapsAnEarlierFile(long number) {
        Set<String> mine = open.getOrDefault(number, Set.of());
        for (Iterator<Map.Entry<Long, Set<String>>> it = open.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, Set<String>> earlier = it.next();
            if (earlier.getKey() >= number) {
                return false;
            }
            if (!Collections.disjoint(earlier.getValue(), mine)) {
                return true;
            }
        }
        return false;
    }
}
