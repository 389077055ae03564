package org.citizenhub.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.citizenhub.connectors.vault.VaultChange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The initial load's stages keep the page order, publish only stored pages, and stop at a failure. */
class InitialLoadPipelineTest {

    private final InitialLoadPipeline pipeline = new InitialLoadPipeline();
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void close() throws InterruptedException {
        pipeline.close();
    }

    @Test
    void storesAndPublishesEveryPageInOrderEachAfterItIsStored() {
        for (int page = 0; page < 20; page++) {
            int p = page;
            pipeline.submit(() -> {
                log.add("store " + p);
                return List.of();
            }, changes -> log.add("publish " + p));
        }
        pipeline.finish();

        List<String> stores = log.stream().filter(s -> s.startsWith("store")).toList();
        List<String> publishes = log.stream().filter(s -> s.startsWith("publish")).toList();
        assertThat(stores).containsExactly(expected("store"));
        assertThat(publishes).containsExactly(expected("publish"));
        for (int page = 0; page < 20; page++) {
            assertThat(log.indexOf("store " + page)).isLessThan(log.indexOf("publish " + page));
        }
    }

    @Test
    void aFailedPageStopsTheLoadPublishesNothingOfItAndTheNextAttemptStartsClean() {
        pipeline.submit(() -> List.<VaultChange>of(), changes -> log.add("publish 0"));
        pipeline.submit(() -> {
            throw new IllegalStateException("vault down");
        }, changes -> log.add("publish 1"));

        assertThatThrownBy(pipeline::finish).hasMessage("vault down");
        // every later hand-over and check fails the same way, until the load is attempted again
        assertThatThrownBy(pipeline::checkFailure).hasMessage("vault down");
        assertThatThrownBy(() -> pipeline.submit(() -> {
            log.add("store 2");
            return List.of();
        }, changes -> log.add("publish 2"))).hasMessage("vault down");
        assertThat(log).containsExactly("publish 0");

        pipeline.reset();
        pipeline.submit(() -> List.<VaultChange>of(), changes -> log.add("publish 1 again"));
        pipeline.finish();
        assertThat(log).containsExactly("publish 0", "publish 1 again");
    }

    @Test
    void aFailedPublicationStopsTheLoad() {
        pipeline.submit(() -> List.<VaultChange>of(), changes -> {
            throw new IllegalStateException("broker down");
        });
        assertThatThrownBy(pipeline::finish).hasMessage("broker down");
        assertThatThrownBy(() -> pipeline.submit(() -> List.<VaultChange>of(), changes -> log.add("publish 1")))
                .hasMessage("broker down");
        assertThat(log).isEmpty();
    }

    private static String[] expected(String what) {
        String[] lines = new String[20];
        for (int page = 0; page < 20; page++) {
            lines[page] = what + " " + page;
        }
        return lines;
    }
}
