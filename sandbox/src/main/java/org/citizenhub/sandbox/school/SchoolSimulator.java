package org.citizenhub.sandbox.school;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.citizenhub.sandbox.SimulatorHttpServer;

import org.citizenhub.sandbox.school.HttpReplies.Refusal;
import org.citizenhub.sandbox.synthetic.SyntheticDataset;
import org.citizenhub.sandbox.synthetic.ViewFields.School;
import org.citizenhub.sandbox.synthetic.ViewRecord;
import org.citizenhub.mappings.citizen.SourceSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stand-in for the education department's school-record system (học bạ điện tử), serving the
 * synthetic population's SCHOOL view — names upper-cased or decomposed, most rows without a personal
 * ID, dates dd/MM/yyyy — in the two ways the real one does:
 *
 * <ul>
 *   <li>term files: {@link #writeTermFiles(Path)} drops one CSV per school and school year into an
 *       inbox folder; {@link #writeFaultyTermFile} and {@link #writeCorrectedTermFile} drop the bad
 *       deliveries and their correction;</li>
 *   <li>REST on 127.0.0.1: {@code GET /students/{studentCode}} and
 *       {@code PUT /students/{studentCode}/guardian-contact} (header {@code X-Request-Id}; fields
 *       {@code guardianPhone}, {@code guardianAddress} only; idempotent by request id);</li>
 *   <li>{@code POST /admin/fault?mode=none|unavailable|slow|garbage&delayMs=N},
 *       {@code GET /admin/contact-updates} (for demos).</li>
 * </ul>
 */
public final class SchoolSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SchoolSimulator.class);
    private static final Pattern STUDENT = Pattern.compile("/students/([^/]+)");
    private static final Pattern GUARDIAN_CONTACT = Pattern.compile("/students/([^/]+)/guardian-contact");
    static final String REQUEST_ID_HEADER = "X-Request-Id";
    /** What the school system lets others change: how to reach the guardian, nothing about the pupil. */
    static final Set<String> CONTACT_FIELDS = Set.of("guardianPhone", "guardianAddress");
    /** Rows of the BAD_ROWS file taken from the view before the damaged ones. */
    private static final int GOOD_ROWS_IN_FAULTY_FILE = 5;

    /** How the simulator misbehaves, for failure tests and demos. */
    public enum Fault { NONE, UNAVAILABLE, SLOW, GARBAGE }

    private final List<ViewRecord> students;
    private final Map<String, ViewRecord> byCode = new HashMap<>();
    private final Map<String, Map<String, String>> guardianContacts = new HashMap<>();
    private final Map<String, ReceivedGuardianContact> byRequestId = new HashMap<>();
    private final List<ReceivedGuardianContact> received = new ArrayList<>();
    private final List<String> refusals = new ArrayList<>();
    private int duplicates;
    private final int requestedPort;
    private volatile Fault fault = Fault.NONE;
    private volatile Duration slowDelay = Duration.ofSeconds(5);
    private HttpServer server;
    private ExecutorService executor;
    private boolean running;

    /**
     * @param schoolView the SCHOOL view of a synthetic dataset
     * @param port       port on 127.0.0.1; 0 picks a free one
     */
    public SchoolSimulator(List<ViewRecord> schoolView, int port) {
        this.students = List.copyOf(schoolView);
        for (ViewRecord r : students) {
            if (r.system() != SourceSystem.SCHOOL) {
                throw new IllegalArgumentException("not a SCHOOL view record: " + r.system());
            }
            byCode.put(r.recordId(), r);
        }
        this.requestedPort = port;
    }

    public static SchoolSimulator of(SyntheticDataset dataset, int port) {
        return new SchoolSimulator(dataset.view(SourceSystem.SCHOOL), port);
    }

    public int studentCount() {
        return students.size();
    }

    // ------------------------------------------------------------------ term files

    /**
     * Writes the term files: one per school and school year, named
     * {@code hoc-ba_<school-year>_<school>.csv}, each appearing in the inbox atomically.
     */
    public List<Path> writeTermFiles(Path inbox) {
        Map<String, List<List<String>>> byFile = new TreeMap<>();
        for (ViewRecord r : students) {
            String name = "hoc-ba_" + r.field(School.SCHOOL_YEAR) + "_" + TermFileWriter.slug(r.field(School.SCHOOL)) + ".csv";
            byFile.computeIfAbsent(name, k -> new ArrayList<>()).add(values(r));
        }
        List<Path> written = new ArrayList<>(byFile.size());
        byFile.forEach((name, rows) -> written.add(TermFileWriter.write(inbox, name, TermFileWriter.csv(rows), StandardCharsets.UTF_8)));
        LOG.info("School simulator wrote {} term files with {} rows", written.size(), students.size());
        return written;
    }

    /** Writes a term file that goes wrong in the given way (see {@link TermFileFault}). */
    public Path writeFaultyTermFile(Path inbox, TermFileFault fault) {
        List<List<String>> good = firstRows(GOOD_ROWS_IN_FAULTY_FILE);
        return switch (fault) {
            case NOT_UTF8 -> TermFileWriter.write(inbox, "hoc-ba_loi-ma-hoa.csv", TermFileWriter.csv(good), TermFileWriter.legacyVietnamese());
            case NOT_CSV -> TermFileWriter.write(inbox, "hoc-ba_bang-tinh.csv", TermFileWriter.workbook(TermFileWriter.csv(good)));
            case BAD_ROWS -> {
                List<List<String>> rows = new ArrayList<>(good);
                List<List<String>> damaged = firstRows(GOOD_ROWS_IN_FAULTY_FILE + 5).subList(GOOD_ROWS_IN_FAULTY_FILE, GOOD_ROWS_IN_FAULTY_FILE + 5);
                rows.add(with(damaged.get(0), School.AVERAGE_SCORE, "11.5"));
                rows.add(with(damaged.get(1), School.SCHOOL, "Trường THCS Không Tồn Tại"));
                rows.add(with(damaged.get(2), School.BIRTH_DATE, "31/02/2013"));
                String text = TermFileWriter.csv(rows);
                StringBuilder sb = new StringBuilder(text);
                // an unterminated quote, and a row that lost its last column
                sb.append(TermFileWriter.csv(List.of(damaged.get(3))).lines().skip(1).findFirst().orElseThrow()
                        .replaceFirst(",", ",\"")).append("\r\n");
                List<String> short4 = damaged.get(4).subList(0, School.ALL.size() - 1);
                sb.append(String.join(",", short4.stream().map(TermFileWriter::quoted).toList())).append("\r\n");
                yield TermFileWriter.write(inbox, "hoc-ba_co-dong-loi.csv", sb.toString(), StandardCharsets.UTF_8);
            }
        };
    }

    /**
     * Writes the school's correction of the BAD_ROWS file: the same ten students, all rows as they
     * should have been, so every row key of the faulty file is superseded.
     */
    public Path writeCorrectedTermFile(Path inbox) {
        return TermFileWriter.write(inbox, "hoc-ba_co-dong-loi_dieu-chinh.csv",
                TermFileWriter.csv(firstRows(GOOD_ROWS_IN_FAULTY_FILE + 5)), StandardCharsets.UTF_8);
    }

    private List<List<String>> firstRows(int n) {
        if (students.size() < n) {
            throw new IllegalStateException("the SCHOOL view has fewer than " + n + " students");
        }
        return students.subList(0, n).stream().map(SchoolSimulator::values).toList();
    }

    private static List<String> values(ViewRecord r) {
        List<String> values = new ArrayList<>(School.ALL.size());
        for (String column : School.ALL) {
            values.add(r.field(column));
        }
        return values;
    }

    private static List<String> with(List<String> row, String column, String value) {
        List<String> copy = new ArrayList<>(row);
        copy.set(School.ALL.indexOf(column), value);
        return copy;
    }

    // ------------------------------------------------------------------ lifecycle

    public synchronized SchoolSimulator start() {
        if (running) {
            return this;
        }
        try {
            int port = server == null ? requestedPort : server.getAddress().getPort();
            server = SimulatorHttpServer.create(port);
        } catch (IOException e) {
            throw new IllegalStateException("school simulator cannot listen on port " + requestedPort, e);
        }
        executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "school-simulator");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        running = true;
        LOG.info("School system simulator listening on {} with {} students", baseUrl(), students.size());
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

    /** The guardian-contact updates applied, in order, each request id once. */
    public synchronized List<ReceivedGuardianContact> receivedContactUpdates() {
        return List.copyOf(received);
    }

    /** How many updates repeated a request id already applied (answered, not applied again). */
    public synchronized int duplicateContactRequests() {
        return duplicates;
    }

    /** Status and reason of every refused update (field names and rules, no personal data). */
    public synchronized List<String> refusedContactUpdates() {
        return List.copyOf(refusals);
    }

    /** A student as the school system now holds it (the view's fields and any guardian contact changed since). */
    public synchronized Optional<Map<String, String>> student(String studentCode) {
        ViewRecord r = byCode.get(studentCode);
        if (r == null) {
            return Optional.empty();
        }
        Map<String, String> fields = new LinkedHashMap<>(r.fields());
        fields.put("guardianAddress", "");
        fields.putAll(guardianContacts.getOrDefault(studentCode, Map.of()));
        return Optional.of(fields);
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
            switch (fault) {
                case UNAVAILABLE -> {
                    HttpReplies.respond(exchange, 503, "text/plain", "school system unavailable".getBytes(StandardCharsets.UTF_8));
                    return;
                }
                case GARBAGE -> {
                    HttpReplies.respond(exchange, 200, "application/json",
                            "<html><body>Hệ thống đang nâng cấp</body></html>".getBytes(StandardCharsets.UTF_8));
                    return;
                }
                case SLOW -> sleep(slowDelay);
                case NONE -> {
                    // serve normally
                }
            }
            Matcher contact = GUARDIAN_CONTACT.matcher(path);
            Matcher student = STUDENT.matcher(path);
            if (contact.matches()) {
                requireMethod(exchange, "PUT");
                updateGuardianContact(exchange, URLDecoder.decode(contact.group(1), StandardCharsets.UTF_8), body);
            } else if (student.matches()) {
                requireMethod(exchange, "GET");
                Map<String, String> fields = student(URLDecoder.decode(student.group(1), StandardCharsets.UTF_8))
                        .orElseThrow(() -> new Refusal(404, "no such student"));
                HttpReplies.respondJson(exchange, 200, HttpReplies.json(g -> {
                    g.writeStartObject();
                    for (Map.Entry<String, String> f : fields.entrySet()) {
                        g.writeStringField(f.getKey(), f.getValue());
                    }
                    g.writeEndObject();
                }));
            } else {
                throw new Refusal(404, "no such resource");
            }
        } catch (Refusal r) {
            HttpReplies.respondJson(exchange, r.status, HttpReplies.error(r.getMessage()));
        } catch (RuntimeException e) {
            LOG.warn("school simulator failed to answer: {}", e.getClass().getSimpleName());
            HttpReplies.respondJson(exchange, 500, HttpReplies.error("internal error"));
        } finally {
            exchange.close();
        }
    }

    private void updateGuardianContact(HttpExchange exchange, String studentCode, byte[] body) throws IOException {
        String requestId = exchange.getRequestHeaders().getFirst(REQUEST_ID_HEADER);
        if (requestId == null || requestId.isBlank() || requestId.length() > 100) {
            throw refuse(400, "header " + REQUEST_ID_HEADER + " is required (at most 100 characters)");
        }
        Map<String, String> fields = HttpReplies.flatObject(body);
        boolean applied;
        synchronized (this) {
            if (!byCode.containsKey(studentCode)) {
                throw refuse(404, "no such student");
            }
            for (String key : fields.keySet()) {
                if (!CONTACT_FIELDS.contains(key)) {
                    throw refuse(422, "field not accepted: " + key);
                }
            }
            if (fields.isEmpty()) {
                throw refuse(422, "no contact field in the request");
            }
            ReceivedGuardianContact update = new ReceivedGuardianContact(studentCode, requestId, fields);
            ReceivedGuardianContact earlier = byRequestId.get(requestId);
            if (earlier != null && !earlier.equals(update)) {
                throw refuse(409, "request id already used for another update");
            }
            applied = earlier == null;
            if (applied) {
                byRequestId.put(requestId, update);
                received.add(update);
                guardianContacts.computeIfAbsent(studentCode, k -> new LinkedHashMap<>()).putAll(fields);
            } else {
                duplicates++;
            }
        }
        HttpReplies.respondJson(exchange, 200, HttpReplies.json(g -> {
            g.writeStartObject();
            g.writeStringField("status", applied ? "applied" : "already-applied");
            g.writeEndObject();
        }));
    }

    private synchronized Refusal refuse(int status, String reason) {
        refusals.add(status + " " + reason);
        return new Refusal(status, reason);
    }

    private void handleAdmin(HttpExchange exchange, String path) throws IOException {
        Map<String, String> query = HttpReplies.query(exchange.getRequestURI());
        if (path.equals("/admin/fault") && "POST".equals(exchange.getRequestMethod())) {
            Fault mode;
            try {
                mode = Fault.valueOf(query.getOrDefault("mode", "none").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new Refusal(400, "mode must be none, unavailable, slow or garbage");
            }
            setFault(mode, Duration.ofMillis(HttpReplies.intParam(query, "delayMs", 5000, 0, 600_000)));
            HttpReplies.respond(exchange, 200, "text/plain", ("fault " + mode + "\n").getBytes(StandardCharsets.UTF_8));
        } else if (path.equals("/admin/contact-updates") && "GET".equals(exchange.getRequestMethod())) {
            List<ReceivedGuardianContact> updates = receivedContactUpdates();
            HttpReplies.respondJson(exchange, 200, HttpReplies.json(g -> {
                g.writeStartArray();
                for (ReceivedGuardianContact u : updates) {
                    g.writeStartObject();
                    g.writeStringField("studentCode", u.studentCode());
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
