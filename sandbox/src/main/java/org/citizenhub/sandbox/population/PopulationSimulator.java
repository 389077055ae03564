package org.citizenhub.sandbox.population;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.citizenhub.sandbox.SimulatorHttpServer;

import org.citizenhub.mappings.citizen.Address;
import org.citizenhub.sandbox.synthetic.Person;
import org.citizenhub.sandbox.synthetic.Population;
import org.citizenhub.sandbox.synthetic.PopulationChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stand-in for the national population database: a real HTTP server on loopback serving the
 * synthetic population's clean view as XML.
 *
 * <ul>
 *   <li>{@code GET /population/citizens?page=N&size=M} — bulk extract, pages of {@code <citizen>}</li>
 *   <li>{@code POST /population/lookup} with {@code <lookupRequest><personalId>…</personalId></lookupRequest>}</li>
 *   <li>{@code GET /population/changes?after=SEQ&limit=N} — change notifications after a sequence number</li>
 *   <li>{@code POST /population/admin/changes} — publish the next scripted changes ({@code ?count=N}),
 *       used by the demo and tests to make the registry move</li>
 *   <li>{@code POST /population/admin/fault?mode=none|unavailable|slow|garbage&delayMs=N} — misbehave on purpose</li>
 * </ul>
 */
public final class PopulationSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PopulationSimulator.class);
    private static final int MAX_REQUEST_BYTES = 64 * 1024;
    private static final Pattern PERSONAL_ID_ELEMENT = Pattern.compile("<personalId>\\s*([^<]{1,40})\\s*</personalId>");

    /** How the simulator misbehaves, for failure tests and demos. */
    public enum Fault { NONE, UNAVAILABLE, SLOW, GARBAGE }

    private final Map<String, Person> byPersonalId = new LinkedHashMap<>();
    private final List<String> extractOrder = new ArrayList<>();
    private final List<PopulationChange> published = new ArrayList<>();
    private final List<PopulationChange> scripted;
    private final XMLOutputFactory xmlOutput = XMLOutputFactory.newFactory();
    private final int requestedPort;
    private volatile Fault fault = Fault.NONE;
    private volatile Duration slowDelay = Duration.ofSeconds(5);
    private HttpServer server;
    private ExecutorService executor;
    private boolean running;

    /**
     * @param population the people the registry knows at start
     * @param scripted   changes to publish later, on request (admin endpoint or {@link #publishScripted(int)})
     * @param port       port on 127.0.0.1; 0 picks a free one
     */
    public PopulationSimulator(Population population, List<PopulationChange> scripted, int port) {
        for (Person p : population.people()) {
            byPersonalId.put(p.personalId(), p);
            extractOrder.add(p.personalId());
        }
        this.scripted = new ArrayList<>(scripted);
        this.requestedPort = port;
    }

    /** Starts listening; does nothing when already listening. */
    public synchronized PopulationSimulator start() {
        if (running) {
            return this;
        }
        try {
            int port = server == null ? requestedPort : server.getAddress().getPort();
            server = SimulatorHttpServer.create(port);
        } catch (IOException e) {
            throw new IllegalStateException("population simulator cannot listen on port " + requestedPort, e);
        }
        executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "population-simulator");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/population/", this::handle);
        server.start();
        running = true;
        LOG.info("Population database simulator listening on {} with {} citizens", baseUrl(), byPersonalId.size());
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

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public void setFault(Fault fault, Duration slowDelay) {
        this.fault = fault;
        this.slowDelay = slowDelay;
    }

    /** Publishes the next {@code count} scripted changes to the change feed; returns how many were published. */
    public synchronized int publishScripted(int count) {
        int n = 0;
        while (n < count && !scripted.isEmpty()) {
            PopulationChange next = scripted.remove(0);
            publish(next.type(), next.person());
            n++;
        }
        return n;
    }

    /** Registers a change (a move, a birth, a death) as the registry would, and returns its sequence number. */
    public synchronized long publish(PopulationChange.Type type, Person after) {
        if (!byPersonalId.containsKey(after.personalId())) {
            extractOrder.add(after.personalId());
        }
        byPersonalId.put(after.personalId(), after);
        long sequence = published.size() + 1L;
        published.add(new PopulationChange(sequence, type, after));
        return sequence;
    }

    public synchronized Optional<Person> person(String personalId) {
        return Optional.ofNullable(byPersonalId.get(personalId));
    }

    public synchronized int size() {
        return byPersonalId.size();
    }

    // ------------------------------------------------------------------ HTTP

    private void handle(HttpExchange exchange) throws IOException {
        // try/finally, not try-with-resources: the catch blocks below still answer on the exchange
        try {
            String path = exchange.getRequestURI().getPath();
            if (path.startsWith("/population/admin/")) {
                handleAdmin(exchange, path);
                return;
            }
            switch (fault) {
                case UNAVAILABLE -> {
                    respond(exchange, 503, "text/plain", "population database unavailable".getBytes(StandardCharsets.UTF_8));
                    return;
                }
                case GARBAGE -> {
                    respond(exchange, 200, "text/html", "<html><body>Bảo trì hệ thống".getBytes(StandardCharsets.UTF_8));
                    return;
                }
                case SLOW -> sleep(slowDelay);
                case NONE -> {
                    // serve normally
                }
            }
            Map<String, String> query = query(exchange.getRequestURI());
            byte[] body = switch (path) {
                case "/population/citizens" -> extract(intParam(query, "page", 0), intParam(query, "size", 1000));
                case "/population/changes" -> changes(longParam(query, "after", 0), intParam(query, "limit", 500));
                case "/population/lookup" -> lookup(exchange);
                default -> null;
            };
            if (body == null) {
                respond(exchange, 404, "text/plain", "no such resource".getBytes(StandardCharsets.UTF_8));
            } else {
                respond(exchange, 200, "application/xml; charset=utf-8", body);
            }
        } catch (BadRequest e) {
            respond(exchange, 400, "text/plain", e.getMessage().getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException | XMLStreamException e) {
            LOG.warn("population simulator failed to answer: {}", e.getClass().getSimpleName());
            respond(exchange, 500, "text/plain", "internal error".getBytes(StandardCharsets.UTF_8));
        } finally {
            exchange.close();
        }
    }

    private void handleAdmin(HttpExchange exchange, String path) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI());
        String answer;
        if (path.equals("/population/admin/changes") && "POST".equals(exchange.getRequestMethod())) {
            answer = "published " + publishScripted(intParam(query, "count", 1)) + "\n";
        } else if (path.equals("/population/admin/fault") && "POST".equals(exchange.getRequestMethod())) {
            setFault(Fault.valueOf(query.getOrDefault("mode", "none").toUpperCase()),
                    Duration.ofMillis(longParam(query, "delayMs", 5000)));
            answer = "fault " + fault + "\n";
        } else {
            respond(exchange, 404, "text/plain", "no such admin resource".getBytes(StandardCharsets.UTF_8));
            return;
        }
        respond(exchange, 200, "text/plain", answer.getBytes(StandardCharsets.UTF_8));
    }

    private synchronized byte[] extract(int page, int size) throws XMLStreamException {
        if (page < 0 || size < 1 || size > 10_000) {
            throw new BadRequest("page must be >= 0 and size between 1 and 10000");
        }
        int from = (int) Math.min((long) page * size, extractOrder.size());
        int to = Math.min(from + size, extractOrder.size());
        return xml(w -> {
            w.writeStartElement("citizenExtract");
            w.writeAttribute("page", Integer.toString(page));
            w.writeAttribute("hasMore", Boolean.toString(to < extractOrder.size()));
            w.writeAttribute("asOfSequence", Integer.toString(published.size()));
            w.writeAttribute("total", Integer.toString(extractOrder.size()));
            for (String id : extractOrder.subList(from, to)) {
                writeCitizen(w, byPersonalId.get(id));
            }
            w.writeEndElement();
        });
    }

    private synchronized byte[] changes(long after, int limit) throws XMLStreamException {
        if (after < 0 || limit < 1 || limit > 10_000) {
            throw new BadRequest("after must be >= 0 and limit between 1 and 10000");
        }
        int from = (int) Math.min(after, published.size());
        int to = Math.min(from + limit, published.size());
        return xml(w -> {
            w.writeStartElement("changeFeed");
            for (PopulationChange c : published.subList(from, to)) {
                w.writeEmptyElement("change");
                w.writeAttribute("sequence", Long.toString(c.sequence()));
                w.writeAttribute("type", c.type().name());
                w.writeAttribute("personalId", c.person().personalId());
            }
            w.writeEndElement();
        });
    }

    private byte[] lookup(HttpExchange exchange) throws IOException, XMLStreamException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            throw new BadRequest("lookup takes a POST of <lookupRequest>");
        }
        String request = new String(readLimited(exchange.getRequestBody()), StandardCharsets.UTF_8);
        if (request.contains("<!DOCTYPE") || request.contains("<!ENTITY")) {
            throw new BadRequest("DTDs are not accepted");
        }
        Matcher m = PERSONAL_ID_ELEMENT.matcher(request);
        if (!request.contains("<lookupRequest") || !m.find()) {
            throw new BadRequest("expected <lookupRequest><personalId>...</personalId></lookupRequest>");
        }
        Person person;
        synchronized (this) {
            person = byPersonalId.get(m.group(1).strip());
        }
        return xml(w -> {
            w.writeStartElement("lookupResponse");
            w.writeAttribute("status", person == null ? "NOT_FOUND" : "FOUND");
            if (person != null) {
                writeCitizen(w, person);
            }
            w.writeEndElement();
        });
    }

    private static void writeCitizen(XMLStreamWriter w, Person p) throws XMLStreamException {
        w.writeStartElement("citizen");
        element(w, "personalId", p.personalId());
        element(w, "familyName", p.name().family());
        element(w, "middleName", p.name().middle());
        element(w, "givenName", p.name().given());
        element(w, "dateOfBirth", p.dateOfBirth().toString());
        element(w, "sex", p.sex().name());
        element(w, "placeOfOrigin", p.placeOfOrigin());
        Address a = p.permanentAddress();
        element(w, "houseNumber", a.houseNumber());
        element(w, "street", a.street());
        w.writeStartElement("ward");
        w.writeAttribute("code", a.wardCode());
        w.writeCharacters(a.ward());
        w.writeEndElement();
        element(w, "city", a.city());
        element(w, "householdId", p.householdId());
        element(w, "relationToHead", p.relationToHead().name());
        element(w, "phone", p.phone());
        element(w, "email", p.email());
        element(w, "dateOfDeath", p.dateOfDeath() == null ? null : p.dateOfDeath().toString());
        w.writeEndElement();
    }

    private static void element(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        if (value != null && !value.isEmpty()) {
            w.writeStartElement(name);
            w.writeCharacters(value);
            w.writeEndElement();
        }
    }

    @FunctionalInterface
    private interface XmlBody {
        void write(XMLStreamWriter w) throws XMLStreamException;
    }

    private byte[] xml(XmlBody body) throws XMLStreamException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XMLStreamWriter w = xmlOutput.createXMLStreamWriter(out, "UTF-8");
        w.writeStartDocument("UTF-8", "1.0");
        body.write(w);
        w.writeEndDocument();
        w.close();
        return out.toByteArray();
    }

    private static byte[] readLimited(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_REQUEST_BYTES + 1);
        if (bytes.length > MAX_REQUEST_BYTES) {
            throw new BadRequest("request larger than " + MAX_REQUEST_BYTES + " bytes");
        }
        return bytes;
    }

    private static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> params = new HashMap<>();
        String raw = uri.getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.put(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return params;
    }

    private static int intParam(Map<String, String> query, String name, int defaultValue) {
        return (int) longParam(query, name, defaultValue);
    }

    private static long longParam(Map<String, String> query, String name, long defaultValue) {
        String value = query.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new BadRequest("parameter " + name + " must be a number");
        }
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }
}
