package org.citizenhub.school;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class DeliveryOrderTest {

    private final DeliveryOrder order = new DeliveryOrder();

    @Test
    void filesAboutOtherStudentsGoAtOnce() throws Exception {
        long first = order.register(Set.of("HS001", "HS002"));
        long other = order.register(Set.of("HS003"));

        order.awaitTurn(other);
        order.awaitTurn(first);

        assertThat(order.openFiles()).isEqualTo(2);
    }

    @Test
    void aLaterFileAboutTheSameStudentWaitsForTheEarlierOne() throws Exception {
        long original = order.register(Set.of("HS001", "HS002"));
        long correction = order.register(Set.of("HS002"));

        CompletableFuture<Void> later = CompletableFuture.runAsync(() -> {
            try {
                order.awaitTurn(correction);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        Thread.sleep(200);
        assertThat(later).as("the correction waits while the original is open").isNotDone();
        order.close(original);
        later.get(5, TimeUnit.SECONDS);
        order.close(correction);
        assertThat(order.openFiles()).isZero();
    }

    @Test
    void anEarlierFileNeverWaitsForALaterOne() throws Exception {
        long earlier = order.register(Set.of("HS001"));
        order.register(Set.of("HS001"));

        order.awaitTurn(earlier);

        assertThat(order.openFiles()).isEqualTo(2);
    }
}
