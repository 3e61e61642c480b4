package io.modulardata.audit.checkpoint;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Ed25519 key pair that signs checkpoints. Its file holds a PKCS#8 {@code PRIVATE KEY} and an X.509
 * {@code PUBLIC KEY} PEM block; {@link #loadOrCreate} writes a new pair when the file is missing, in a file of
 * mode 0600 from its creation on (missing folders 0700).
 * {@code keyId} is the first 16 hex digits of SHA-256 over the public key's X.509 encoding.
 */
public final class SigningKey {

    public static final String ALGORITHM = "Ed25519";
    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----([^-]+)-----END \\1-----");

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;
    private final String publicKeySha256;

    public SigningKey(KeyPair pair) {
        this.privateKey = pair.getPrivate();
        this.publicKey = pair.getPublic();
        this.publicKeySha256 = sha256Hex(publicKey.getEncoded());
        this.keyId = publicKeySha256.substring(0, 16);
    }

    public static SigningKey generate() {
        try {
            return new SigningKey(KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static SigningKey loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                SigningKey created = generate();
                OutputStream out = newKeyFile(file);
                try (out) {
                    out.write(created.toPem().getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    Files.deleteIfExists(file); // no half-written key for the next start to choke on
                    throw e;
                }
                return created;
            }
            return fromPem(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the checkpoint signing key " + file, e);
        }
    }

    /**
     * Creates the key file, failing if it exists, with its mode given to the call that creates it (and to
     * missing folders): other users never get a moment in which they could open it.
     */
    static OutputStream newKeyFile(Path file) throws IOException {
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            Files.createDirectories(parent, ownerOnly(posix, "rwx------"));
        }
        return Channels.newOutputStream(Files.newByteChannel(file,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly(posix, "rw-------")));
    }

    private static FileAttribute<?>[] ownerOnly(boolean posix, String mode) {
        return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode))}
                : new FileAttribute<?>[0];
    }

    public static SigningKey fromPem(String pem) {
        byte[] privateBytes = null;
        byte[] publicBytes = null;
        Matcher blocks = PEM.matcher(pem);
        while (blocks.find()) {
            byte[] der = Base64.getMimeDecoder().decode(blocks.group(2).trim());
            if (blocks.group(1).equals("PRIVATE KEY")) {
                privateBytes = der;
            } else if (blocks.group(1).equals("PUBLIC KEY")) {
                publicBytes = der;
            }
        }
        if (privateBytes == null || publicBytes == null) {
            throw new IllegalArgumentException("The signing key file needs a PRIVATE KEY and a PUBLIC KEY PEM block");
        }
        try {
            KeyFactory factory = KeyFactory.getInstance(ALGORITHM);
            return new SigningKey(new KeyPair(factory.generatePublic(new X509EncodedKeySpec(publicBytes)),
                    factory.generatePrivate(new PKCS8EncodedKeySpec(privateBytes))));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Not an Ed25519 key pair: " + e.getMessage(), e);
        }
    }

    public String toPem() {
        return pem("PRIVATE KEY", privateKey.getEncoded()) + publicKeyPem();
    }

    public String publicKeyPem() {
        return pem("PUBLIC KEY", publicKey.getEncoded());
    }

    public String keyId() {
        return keyId;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** SHA-256 of the public key's X.509 encoding, 64 hex digits: the fingerprint an operator pins ({@code keyId} is its first 16). */
    public String publicKeySha256() {
        return publicKeySha256;
    }

    /** Signs a checkpoint linked to the one before it ({@link Checkpoint#GENESIS} for a log's first). */
    public Checkpoint sign(long sequence, String headHash, long count, Instant createdAt, String previousCheckpointHash) {
        Instant millis = Instant.ofEpochMilli(createdAt.toEpochMilli());
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(privateKey);
            signer.update(Checkpoint.signedBytes(sequence, headHash, count, millis, keyId, previousCheckpointHash));
            return new Checkpoint(sequence, headHash, count, millis, keyId, Base64.getEncoder().encodeToString(signer.sign()),
                    previousCheckpointHash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code checkpoint} was signed by this key and is unchanged. */
    public boolean verifies(Checkpoint checkpoint) {
        if (!keyId.equals(checkpoint.keyId())) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(publicKey);
            verifier.update(checkpoint.signedBytes());
            return verifier.verify(Base64.getDecoder().decode(checkpoint.signature()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
