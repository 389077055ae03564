package org.citizenhub.connectors.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The loser of a conditional-create race: a HAPI FHIR JPA server answers it 409 (HAPI-2745, its unique
 * index on the match URL refused the insert) where our simulator answers 200. The client sends the
 * conditional create again and gets the winner. (interop/ proves it against a real JPA server.)
 */
class ConditionalCreateConflictTest {

    private static final String CONFLICT = "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\","
            + "\"code\":\"processing\",\"diagnostics\":\"HAPI-0550: HAPI-2745: The operation has failed with a conditional constraint failure.\"}]}";
    private static final String WINNER = "{\"resourceType\":\"Patient\",\"id\":\"1335\",\"meta\":{\"versionId\":\"1\"}}";

    private HttpServer server;
    private final AtomicInteger conflictsLeft = new AtomicInteger();
    private final List<String> ifNoneExist = new CopyOnWriteArrayList<>();
    private volatile int conflictStatus = 409;
    private FhirRestClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/fhir/Patient", this::answer);
        server.start();
        client = new FhirRestClient(FhirClientSettings.defaults(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/fhir"))
                .withMaxUpdateAttempts(3));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aConditionalCreateThatLostTheRaceIsSentAgainAndFindsTheWinner() {
        conflictsLeft.set(1);

        CreateOutcome outcome = client.create(patient(), Optional.of("identifier=urn:x|048199004321"));

        assertThat(outcome.created()).isFalse();
        assertThat(outcome.reference()).isEqualTo("Patient/1335");
        assertThat(ifNoneExist).containsExactly("identifier=urn:x|048199004321", "identifier=urn:x|048199004321");
    }

    @Test
    void givesUpAfterTheConfiguredAttempts() {
        conflictsLeft.set(10);

        assertThatThrownBy(() -> client.create(patient(), Optional.of("identifier=urn:x|048199004321")))
                .isInstanceOfSatisfying(FhirServerException.class, e -> assertThat(e.status()).isEqualTo(409));
        assertThat(ifNoneExist).hasSize(3);
    }

    @Test
    void aConditionalCreateMatchingSeveralResourcesIsNotRepeated() {
        conflictsLeft.set(1);
        conflictStatus = 412;

        assertThatThrownBy(() -> client.create(patient(), Optional.of("identifier=urn:x|048199004321")))
                .isInstanceOfSatisfying(FhirServerException.class, e -> assertThat(e.status()).isEqualTo(412));
        assertThat(ifNoneExist).hasSize(1);
    }

    @Test
    void anUnconditionalCreateIsNotRepeated() {
        conflictsLeft.set(1);

        assertThatThrownBy(() -> client.create(patient(), Optional.empty()))
                .isInstanceOfSatisfying(FhirServerException.class, e -> assertThat(e.kind()).isEqualTo(FhirServerException.Kind.CONFLICT));
        assertThat(ifNoneExist).containsExactly("");
    }

    private static Patient patient() {
        Patient patient = new Patient();
        patient.addName().setFamily("Hồ");
        return patient;
    }

    private void answer(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        String condition = exchange.getRequestHeaders().getFirst("If-None-Exist");
        ifNoneExist.add(condition == null ? "" : condition);
        boolean conflict = conflictsLeft.getAndDecrement() > 0;
        byte[] body = (conflict ? CONFLICT : WINNER).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/fhir+json;charset=utf-8");
        if (!conflict) {
            exchange.getResponseHeaders().add("Location", "http://127.0.0.1/fhir/Patient/1335/_history/1");
            exchange.getResponseHeaders().add("ETag", "W/\"1\"");
        }
        exchange.sendResponseHeaders(conflict ? conflictStatus : 200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
