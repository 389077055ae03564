package org.citizenhub.connectors.vault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Signed checkpoints of the audit chain's head, kept outside the database.
 *
 * <p>A hash chain reveals an altered, removed or reordered entry, but not a cut tail: after deleting the
 * last entries the chain that is left is still consistent. So the hub periodically appends the head it
 * sees (sequence and hash) to a file, each line signed with an Ed25519 key that is not in the database.
 * Verification then requires every checkpointed entry to be present with that very hash: a cut tail, or a
 * chain rewritten from some entry on, contradicts the last checkpoint. Only the public key is needed to
 * verify, so ops can verify copies of the file elsewhere without holding the signing key.
 *
 * <p>A line: {@code v1 <sequence> <hash> <signedAt> <base64 Ed25519 signature>}, the signature over
 * {@code citizenhub-audit-checkpoint-v1 <sequence> <hash> <signedAt>}. A last line without its newline (a
 * crash while writing) is ignored.
 */
public final class AuditCheckpoints {

    public static final String FILE_NAME = "checkpoints.log";
    public static final String KEY_FILE_NAME = "checkpoint-key";
    private static final String ALGORITHM = "Ed25519";
    private static final String SIGNED_PREFIX = "citizenhub-audit-checkpoint-v1 ";

    /** One checkpoint as read back; {@code problem} is null when its signature holds. */
    public record Checkpoint(long sequence, String hash, Instant signedAt, String source, String problem) {
        public boolean valid() {
            return problem == null;
        }
    }

    private final List<Path> files;
    private final PublicKey publicKey;
    private final PrivateKey privateKey;
    private final Clock clock;
    private final Object writeLock = new Object();
    private long lastWritten = -1;

    private AuditCheckpoints(List<Path> files, PublicKey publicKey, PrivateKey privateKey, Clock clock) {
        this.files = List.copyOf(files);
        this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
        this.privateKey = privateKey;
        this.clock = clock;
    }

    /**
     * The hub's checkpoints: {@code dir/checkpoints.log}, signed with the private key in {@code keyFile}
     * (PKCS#8, base64), whose public key is in {@code keyFile + ".pub"} (X.509, base64). A missing key pair
     * is generated, the private key readable by its owner only.
     */
    public static AuditCheckpoints writable(Path dir, Path keyFile, Clock clock) {
        try {
            Files.createDirectories(dir);
            Path publicFile = publicKeyFileOf(keyFile);
            if (!Files.exists(keyFile)) {
                generateKeyPair(keyFile, publicFile);
            }
            PrivateKey privateKey = KeyFactory.getInstance(ALGORITHM)
                    .generatePrivate(new PKCS8EncodedKeySpec(readBase64(keyFile)));
            return new AuditCheckpoints(List.of(dir.resolve(FILE_NAME)), readPublicKey(publicFile), privateKey, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the audit checkpoints in " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the audit checkpoint key " + keyFile, e);
        }
    }

    /** Checkpoint files to verify against, with the public key they must be signed with. */
    public static AuditCheckpoints readOnly(List<Path> files, Path publicKeyFile) {
        try {
            return new AuditCheckpoints(files, readPublicKey(publicKeyFile), null, Clock.systemUTC());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the public key " + publicKeyFile, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("not an Ed25519 public key: " + publicKeyFile, e);
        }
    }

    public static Path publicKeyFileOf(Path keyFile) {
        return keyFile.resolveSibling(keyFile.getFileName() + ".pub");
    }

    public List<Path> files() {
        return files;
    }

    /**
     * Appends a signed checkpoint of this head and forces it to disk, unless it is not newer than the last
     * one this instance wrote.
     *
     * @return whether a line was written
     */
    public boolean write(long sequence, String hash) {
        if (privateKey == null) {
            throw new IllegalStateException("these checkpoints are read-only");
        }
        synchronized (writeLock) {
            if (sequence <= lastWritten) {
                return false;
            }
            String signedAt = clock.instant().toString();
            String body = sequence + " " + hash + " " + signedAt;
            String line = "v1 " + body + " " + sign(SIGNED_PREFIX + body) + "\n";
            try (FileChannel out = FileChannel.open(files.get(0), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII));
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                out.force(true);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write an audit checkpoint to " + files.get(0), e);
            }
            lastWritten = sequence;
            return true;
        }
    }

    /** Every checkpoint in the files, each with the verdict on its signature; missing files hold none. */
    public List<Checkpoint> read() {
        List<Checkpoint> checkpoints = new ArrayList<>();
        for (Path file : files) {
            if (!Files.exists(file)) {
                continue;
            }
            String text;
            try {
                text = Files.readString(file, StandardCharsets.US_ASCII);
            } catch (java.nio.charset.CharacterCodingException e) {
                checkpoints.add(new Checkpoint(-1, "", null, file.toString(), "the file is not ASCII text"));
                continue;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the audit checkpoints " + file, e);
            }
            String[] lines = text.split("\n", -1);
            // the last element is what follows the last newline: empty, or a line cut by a crash
            for (int i = 0; i < lines.length - 1; i++) {
                if (!lines[i].isBlank()) {
                    checkpoints.add(parse(lines[i], file + ":" + (i + 1)));
                }
            }
        }
        return checkpoints;
    }

    private Checkpoint parse(String line, String source) {
        String[] parts = line.trim().split(" ");
        if (parts.length != 5 || !"v1".equals(parts[0])) {
            return new Checkpoint(-1, "", null, source, "not a checkpoint line");
        }
        long sequence;
        Instant signedAt;
        try {
            sequence = Long.parseLong(parts[1]);
            signedAt = Instant.parse(parts[3]);
        } catch (RuntimeException e) {
            return new Checkpoint(-1, "", null, source, "not a checkpoint line");
        }
        String body = parts[1] + " " + parts[2] + " " + parts[3];
        boolean signed;
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(publicKey);
            verifier.update((SIGNED_PREFIX + body).getBytes(StandardCharsets.US_ASCII));
            signed = verifier.verify(Base64.getDecoder().decode(parts[4]));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            signed = false;
        }
        return new Checkpoint(sequence, parts[2], signedAt, source, signed ? null : "bad signature");
    }

    private String sign(String text) {
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(privateKey);
            signer.update(text.getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign an audit checkpoint", e);
        }
    }

    private static void generateKeyPair(Path keyFile, Path publicFile) throws IOException, GeneralSecurityException {
        KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        Files.createDirectories(keyFile.toAbsolutePath().getParent());
        Path temporary = keyFile.resolveSibling(keyFile.getFileName() + ".new");
        Files.deleteIfExists(temporary);
        try {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(temporary);
        }
        Files.writeString(temporary, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n");
        Files.writeString(publicFile, Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()) + "\n");
        Files.move(temporary, keyFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static PublicKey readPublicKey(Path file) throws IOException, GeneralSecurityException {
        return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(readBase64(file)));
    }

    private static byte[] readBase64(Path file) throws IOException {
        return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
    }
}
