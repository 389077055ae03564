package org.citizenhub.mappings.identity;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

final class FebrlLikeGenerator {
    private FebrlLikeGenerator() {
    }

    static int command(Map<String, List<String>> o, PrintStream out) {
        throw new IllegalArgumentException("not yet");
    }
}
