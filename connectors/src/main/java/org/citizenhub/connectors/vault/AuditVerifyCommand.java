package org.citizenhub.connectors.vault;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Verifies the access log without the hub: reads the chain from the database (read only, no migration),
 * checks every link and hash, and checks it against the signed checkpoints. Prints how many entries were
 * checked and the first bad one.
 *
 * <p>Exit codes: 0 intact, 1 tampered, 2 cannot verify (bad arguments, no database, no audit table).
 */
public final class AuditVerifyCommand {

    public static final int INTACT = 0;
    public static final int TAMPERED = 1;
    public static final int CANNOT_VERIFY = 2;

    private static final String USAGE = """
            usage: audit-verify --jdbc-url URL [--user USER] [--checkpoints FILE_OR_DIR]... [--public-key FILE]
              --jdbc-url      the vault database, e.g. jdbc:postgresql://db:5432/citizenhub
              --user          database user (default: $CITIZENHUB_DB_USER); the password is read from
                              $CITIZENHUB_DB_PASSWORD, never from the command line
              --checkpoints   a hub's checkpoint file, or its audit folder (<data-dir>/audit); repeatable
              --public-key    the Ed25519 public key the checkpoints are signed with
                              (default: checkpoint-key.pub beside the first checkpoint file)
            exit code: 0 intact, 1 tampered, 2 cannot verify""";

    private AuditVerifyCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** Runs the command; returns the exit code. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        String url = null;
        String user = env.getOrDefault("CITIZENHUB_DB_USER", "");
        List<Path> checkpointFiles = new ArrayList<>();
        Path publicKey = null;
        try {
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--jdbc-url" -> url = required(value, args[i]);
                    case "--user" -> user = required(value, args[i]);
                    case "--checkpoints" -> {
                        Path path = Path.of(required(value, args[i]));
                        checkpointFiles.add(Files.isDirectory(path) ? path.resolve(AuditCheckpoints.FILE_NAME) : path);
                    }
                    case "--public-key" -> publicKey = Path.of(required(value, args[i]));
                    case "--help", "-h" -> {
                        out.println(USAGE);
                        return CANNOT_VERIFY;
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
                i++;
            }
            if (url == null) {
                throw new IllegalArgumentException("--jdbc-url is required");
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return CANNOT_VERIFY;
        }

        AuditCheckpoints checkpoints = null;
        if (!checkpointFiles.isEmpty()) {
            for (Path file : checkpointFiles) {
                if (!Files.isRegularFile(file)) {
                    err.println("no checkpoint file " + file);
                    return CANNOT_VERIFY;
                }
            }
            Path key = publicKey != null ? publicKey : AuditCheckpoints.publicKeyFileOf(
                    checkpointFiles.get(0).toAbsolutePath().resolveSibling(AuditCheckpoints.KEY_FILE_NAME));
            try {
                checkpoints = AuditCheckpoints.readOnly(checkpointFiles, key);
            } catch (RuntimeException e) {
                err.println("cannot read the public key: " + e.getMessage());
                return CANNOT_VERIFY;
            }
        } else if (publicKey != null) {
            err.println("--public-key needs --checkpoints");
            return CANNOT_VERIFY;
        }

        DriverManagerDataSource db = new DriverManagerDataSource(url, user, env.getOrDefault("CITIZENHUB_DB_PASSWORD", ""));
        AuditLog log = new AuditLog(new NamedParameterJdbcTemplate(db),
                new TransactionTemplate(new DataSourceTransactionManager(db)), Clock.systemUTC(), checkpoints);
        long started = System.nanoTime();
        AuditLog.AuditVerification verdict;
        try {
            verdict = log.verify();
        } catch (RuntimeException e) {
            // the message names the database or the SQL, never an entry's content
            err.println("cannot verify: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return CANNOT_VERIFY;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (checkpoints == null) {
            err.println("warning: no --checkpoints given: entries deleted from the end of the log cannot be detected");
        }
        if (verdict.intact()) {
            out.printf("INTACT: %d entries checked in %.1f s (%s)%n", verdict.checked(), seconds, verdict.reason());
            return INTACT;
        }
        out.printf("TAMPERED: %d entries checked, first bad sequence %s: %s%n", verdict.checked(),
                verdict.firstBadSequence() == null ? "-" : verdict.firstBadSequence(), verdict.reason());
        return TAMPERED;
    }

    private static String required(String value, String option) {
        if (value == null || value.startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }
}
