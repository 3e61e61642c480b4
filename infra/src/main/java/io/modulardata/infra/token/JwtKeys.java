package io.modulardata.infra.token;

import io.modulardata.infra.secrets.OwnerOnlyFiles;
import io.smallrye.jwt.util.KeyUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;

/**
 * The RSA key pair that signs local tokens: {@code private.pem} (PKCS#8) and {@code public.pem}
 * (X.509), made on first use and reused afterwards so issued tokens stay valid across restarts. The
 * folder is mode 0700 and the private key 0600, each from its creation on.
 */
public final class JwtKeys {

    public static final String PRIVATE_KEY_FILE = "private.pem";
    public static final String PUBLIC_KEY_FILE = "public.pem";
    private static final int KEY_SIZE = 2048;

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final Path publicKeyFile;

    private JwtKeys(PrivateKey privateKey, PublicKey publicKey, Path publicKeyFile) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.publicKeyFile = publicKeyFile;
    }

    public static synchronized JwtKeys loadOrCreate(Path dir) {
        Path privateFile = dir.resolve(PRIVATE_KEY_FILE);
        Path publicFile = dir.resolve(PUBLIC_KEY_FILE);
        try {
            OwnerOnlyFiles.folder(dir);
            if (!Files.exists(privateFile) || !Files.exists(publicFile)) {
                create(privateFile, publicFile);
            }
            return new JwtKeys(KeyUtils.decodePrivateKey(Files.readString(privateFile)),
                    KeyUtils.decodePublicKey(Files.readString(publicFile)), publicFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the JWT keys in " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Unreadable JWT keys in " + dir + "; delete them to get new ones", e);
        }
    }

    /** A new pair; half of one (a start that stopped between the two files) is replaced. */
    private static void create(Path privateFile, Path publicFile) throws IOException, GeneralSecurityException {
        KeyPair pair = KeyUtils.generateKeyPair(KEY_SIZE);
        Files.deleteIfExists(privateFile);
        OwnerOnlyFiles.write(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()).getBytes(StandardCharsets.US_ASCII));
        Files.writeString(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()), StandardCharsets.US_ASCII);
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** Handed to the services as {@code MDP_JWT_PUBLIC_KEY_LOCATION}. */
    public Path publicKeyFile() {
        return publicKeyFile;
    }
}
