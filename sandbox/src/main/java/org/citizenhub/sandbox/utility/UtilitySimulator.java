package org.citizenhub.sandbox.utility;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.YearMonth;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.citizenhub.sandbox.SimulatorHttpServer;

import org.citizenhub.mappings.citizen.SourceSystem;
import org.citizenhub.sandbox.synthetic.SyntheticDataset;
import org.citizenhub.sandbox.synthetic.ViewRecord;
import org.citizenhub.sandbox.utility.HttpReplies.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stand-ins for the utility providers: one real HTTP server on loopback, each provider under its own
 * path prefix with its own interface shape, serving the synthetic population's (messy) utility views.
 *
 * <ul>
 *   <li>Electricity, {@code /electricity/api}: {@code GET /customers?page=N&size=M},
 *       {@code GET /customers/{code}/bills}, {@code PUT /customers/{code}/contact} (header {@code X-Request-Id};
 *       fields {@code soDienThoai}, {@code email}, {@code diaChiLienHe})</li>
 *   <li>Water, {@code /water/v1}: {@code GET /accounts?limit=N&cursor=C}, {@code GET /accounts/{code}/invoices},
 *       {@code PUT /accounts/{code}/contact} (header {@code Idempotency-Key}; fields {@code phone}, {@code mailingAddress})</li>
 *   <li>Sanitation, {@code /sanitation/v1}, when its view is given: the water interface, field {@code phone} only</li>
 *   <li>{@code POST /admin/fault?provider=water&mode=none|unavailable|slow|garbage&delayMs=N} — misbehave on purpose</li>
 *   <li>{@code GET /admin/contact-updates?provider=water} — the contact updates received (for demos)</li>
 * </ul>
 *
 * Contact updates are recorded once per request id ({@link #receivedContactUpdates}); a field the
 * provider does not accept is refused with 422 and nothing is applied.
 */
public final class UtilitySimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UtilitySimulator.class);

    /** How a provider misbehaves, for failure tests and demos. */
    public enum Fault { NONE, UNAVAILABLE, SLOW, GARBAGE }

    private record Provider(ProviderShape shape, ProviderBook book, Pattern billsPath, Pattern contactPath) {
    }

    private final Map<SourceSystem, Provider> providers = new EnumMap<>(SourceSystem.class);
    private final Map<SourceSystem, Fault> faults = new EnumMap<>(SourceSystem.class);
    private final Map<SourceSystem, Duration> slowDelays = new EnumMap<>(SourceSystem.class);
    private final int requestedPort;
    private HttpServer server;
    private ExecutorService executor;
    private boolean running;

    /**
     * @param views       the providers' views (ELECTRICITY, WATER, optionally SANITATION)
     * @param lastPeriod  the latest billing period; each account has the 12 months up to it
     * @param port        port on 127.0.0.1; 0 picks a free one
     */
    public UtilitySimulator(Map<SourceSystem, List<ViewRecord>> views, YearMonth lastPeriod, int port) {
        views.forEach((system, records) -> {
            ProviderShape shape = ProviderShape.of(system);
            String base = Pattern.quote(shape.pathPrefix() + "/" + shape.collection() + "/");
            providers.put(system, new Provider(shape, new ProviderBook(system, records, lastPeriod),
                    Pattern.compile(base + "([^/]+)/" + shape.billsName()), Pattern.compile(base + "([^/]+)/contact")));
            faults.put(system, Fault.NONE);
            slowDelays.put(system, Duration.ofSeconds(5));
        });
        this.requestedPort = port;
    }

    /** The electricity and water views of a synthetic dataset (and sanitation when it was generated), billed up to September 2025. */
    public static UtilitySimulator of(SyntheticDataset dataset, int port) {
        Map<SourceSystem, List<ViewRecord>> views = new EnumMap<>(SourceSystem.class);
        for (SourceSystem s : List.of(SourceSystem.ELECTRICITY, SourceSystem.WATER, SourceSystem.SANITATION)) {
            if (dataset.views().containsKey(s)) {
                views.put(s, dataset.view(s));
            }
        }
        return new UtilitySimulator(views, YearMonth.of(2025, 9), port);
    }

    public synchronized UtilitySimulator start() {
        if (running) {
            return this;
        }
        try {
            int port = server == null ? requestedPort : server.getAddress().getPort();
            server = SimulatorHttpServer.create(port);
        } catch (IOException e) {
            throw new IllegalStateException("utility simulator cannot listen on port " + requestedPort, e);
        }
        executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "utility-simulator");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        running = true;
        providers.forEach((system, p) -> LOG.info("{} simulator listening on {} with {} accounts",
                system, baseUrl(system), p.book().size()));
        return this;
    }

    /** Stops listening (connections are refused) but keeps the data; {@link #start()} resumes on the same port. */
    public synchronized void stop() {
        if (running) {
            server.stop(0);
            executor.shutdownNow();
            running = false;
        }
    }

    @Override
    public void close() {
        stop();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The base URL of one provider's interface, e.g. {@code http://127.0.0.1:8094/water/v1}. */
    public String baseUrl(SourceSystem provider) {
        return "http://127.0.0.1:" + port() + provider(provider).shape().pathPrefix();
    }

    public synchronized void setFault(SourceSystem provider, Fault fault, Duration slowDelay) {
        provider(provider);
        faults.put(provider, fault);
        slowDelays.put(provider, slowDelay);
    }

    public int accountCount(SourceSystem provider) {
        return provider(provider).book().size();
    }

    /** The contact updates a provider applied, in order, each request id once. */
    public List<ReceivedContactUpdate> receivedContactUpdates(SourceSystem provider) {
        return provider(provider).book().received();
    }

    /** How many contact updates repeated a request id already applied (answered, not applied again). */
    public int duplicateContactRequests(SourceSystem provider) {
        return provider(provider).book().duplicates();
    }

    /** Status and reason of every contact update refused (no personal data: field names and rules only). */
    public List<String> refusedContactUpdates(SourceSystem provider) {
        return provider(provider).book().refusals();
    }

    /** The contact fields of an account changed through the interface, by the provider's JSON keys. */
    public Map<String, String> contactOf(SourceSystem provider, String customerCode) {
        return provider(provider).book().contactOf(customerCode);
    }

    /** Adds a bill to an account's history (a duplicate, a negative amount …) for failure tests. */
    public void addBill(SourceSystem provider, String customerCode, SimulatedBill bill) {
        provider(provider).book().addBill(customerCode, bill);
    }

    private Provider provider(SourceSystem system) {
        Provider p = providers.get(system);
        if (p == null) {
            throw new IllegalArgumentException("the utility simulator does not serve " + system);
        }
        return p;
    }

    // ------------------------------------------------------------------ HTTP

    private void handle(HttpExchange exchange) throws IOException {
        // Not try-with-resources: it would close the exchange before the catch blocks answer.
        try {
            byte[] body = HttpReplies.body(exchange);
            String path = exchange.getRequestURI().getPath();
            if (path.startsWith("/admin/")) {
                handleAdmin(exchange, path);
                return;
            }
            for (Map.Entry<SourceSystem, Provider> e : providers.entrySet()) {
                if (path.startsWith(e.getValue().shape().pathPrefix() + "/")) {
                    handleProvider(exchange, path, body, e.getKey(), e.getValue());
                    return;
                }
            }
            HttpReplies.respondJson(exchange, 404, HttpReplies.error("no such resource"));
        } catch (Refusal r) {
            HttpReplies.respondJson(exchange, r.status, HttpReplies.error(r.getMessage()));
        } catch (RuntimeException e) {
            LOG.warn("utility simulator failed to answer: {}", e.getClass().getSimpleName());
            HttpReplies.respondJson(exchange, 500, HttpReplies.error("internal error"));
        } finally {
            exchange.close();
        }
    }

    private void handleProvider(HttpExchange exchange, String path, byte[] body, SourceSystem system, Provider p)
            throws IOException {
        Fault fault;
        Duration delay;
        synchronized (this) {
            fault = faults.get(system);
            delay = slowDelays.get(system);
        }
        switch (fault) {
            case UNAVAILABLE -> {
                HttpReplies.respond(exchange, 503, "text/plain", "service unavailable".getBytes(StandardCharsets.UTF_8));
                return;
            }
            case GARBAGE -> {
                HttpReplies.respond(exchange, 200, "application/json", p.shape().garbage());
                return;
            }
            case SLOW -> sleep(delay);
            case NONE -> {
                // serve normally
            }
        }
        Matcher bills = p.billsPath().matcher(path);
        Matcher contact = p.contactPath().matcher(path);
        if (path.equals(p.shape().pathPrefix() + "/" + p.shape().collection())) {
            requireMethod(exchange, "GET");
            HttpReplies.respondJson(exchange, 200, p.shape().accountsPage(p.book(), HttpReplies.query(exchange.getRequestURI())));
        } else if (bills.matches()) {
            requireMethod(exchange, "GET");
            String code = URLDecoder.decode(bills.group(1), StandardCharsets.UTF_8);
            if (p.book().account(code).isEmpty()) {
                throw new Refusal(404, "no such account");
            }
            HttpReplies.respondJson(exchange, 200, p.shape().bills(p.book(), code));
        } else if (contact.matches()) {
            requireMethod(exchange, "PUT");
            String requestId = exchange.getRequestHeaders().getFirst(p.shape().requestIdHeader());
            if (requestId == null || requestId.isBlank() || requestId.length() > 100) {
                throw new Refusal(400, "header " + p.shape().requestIdHeader() + " is required (at most 100 characters)");
            }
            Map<String, String> fields = HttpReplies.flatObject(body);
            boolean applied = p.book().applyContact(URLDecoder.decode(contact.group(1), StandardCharsets.UTF_8),
                    requestId, fields, p.shape().contactKeys());
            HttpReplies.respondJson(exchange, 200, HttpReplies.json(g -> {
                g.writeStartObject();
                g.writeStringField("status", applied ? "applied" : "already-applied");
                g.writeEndObject();
            }));
        } else {
            throw new Refusal(404, "no such resource");
        }
    }

    private void handleAdmin(HttpExchange exchange, String path) throws IOException {
        Map<String, String> query = HttpReplies.query(exchange.getRequestURI());
        SourceSystem system;
        try {
            system = SourceSystem.valueOf(query.getOrDefault("provider", "").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Refusal(400, "provider must be electricity, water or sanitation");
        }
        if (!providers.containsKey(system)) {
            throw new Refusal(404, "the simulator does not serve " + system);
        }
        if (path.equals("/admin/fault") && "POST".equals(exchange.getRequestMethod())) {
            Fault fault;
            try {
                fault = Fault.valueOf(query.getOrDefault("mode", "none").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new Refusal(400, "mode must be none, unavailable, slow or garbage");
            }
            setFault(system, fault, Duration.ofMillis(HttpReplies.intParam(query, "delayMs", 5000, 0, 600_000)));
            HttpReplies.respond(exchange, 200, "text/plain", ("fault " + system + " " + fault + "\n").getBytes(StandardCharsets.UTF_8));
        } else if (path.equals("/admin/contact-updates") && "GET".equals(exchange.getRequestMethod())) {
            List<ReceivedContactUpdate> received = receivedContactUpdates(system);
            HttpReplies.respondJson(exchange, 200, HttpReplies.json(g -> {
                g.writeStartArray();
                for (ReceivedContactUpdate u : received) {
                    g.writeStartObject();
                    g.writeStringField("customerCode", u.customerCode());
                    g.writeStringField("requestId", u.requestId());
                    g.writeObjectFieldStart("fields");
                    for (Map.Entry<String, String> f : u.fields().entrySet()) {
                        g.writeStringField(f.getKey(), f.getValue());
                    }
                    g.writeEndObject();
                    g.writeEndObject();
                }
                g.writeEndArray();
            }));
        } else {
            throw new Refusal(404, "no such admin resource");
        }
    }

    private static void requireMethod(HttpExchange exchange, String expected) {
        if (!expected.equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", expected);
            throw new Refusal(405, "method not allowed");
        }
    }

    /** The SLOW fault: the simulator itself waits, so the hub's client timeout is what is tested. */
    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
