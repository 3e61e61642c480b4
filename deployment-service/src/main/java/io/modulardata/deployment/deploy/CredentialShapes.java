package io.modulardata.deployment.deploy;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Recognises literal environment values that are credentials, which must come from a Kubernetes Secret
 * instead (a literal value is stored by the platform and shown in the cluster's Deployment).
 * <ul>
 * <li>By name: it contains PASSWORD, PASSWD, PASSPHRASE, SECRET, CREDENTIAL, APIKEY, API_KEY,
 * PRIVATE_KEY or ACCESS_KEY, or has TOKEN or PWD as one of its {@code _}-separated words (so
 * {@code TOKENIZER_MODEL} and {@code MAX_TOKENS} are not credentials, {@code AUTH_TOKEN} is);
 * case-insensitive, camelCase counts as words.</li>
 * <li>By value: a PEM block, an AWS access key id, a JSON Web Token, GitHub, GitLab, Slack, Stripe and
 * Google API keys, or a URL with a password in it ({@code postgres://user:pass@host}).</li>
 * </ul>
 */
public final class CredentialShapes {

    private static final List<String> NAME_PARTS = List.of("PASSWORD", "PASSWD", "PASSPHRASE", "SECRET", "CREDENTIAL",
            "APIKEY", "API_KEY", "PRIVATE_KEY", "PRIVATEKEY", "ACCESS_KEY", "ACCESSKEY");
    private static final Set<String> NAME_WORDS = Set.of("TOKEN", "PWD");
    private static final Pattern VALUE = Pattern.compile(String.join("|",
            "-----BEGIN [A-Z0-9 ]+-----",
            "\\b(AKIA|ASIA)[0-9A-Z]{16}\\b",
            "\\beyJ[A-Za-z0-9_-]{5,}\\.eyJ[A-Za-z0-9_-]{5,}\\.",
            "\\bgh[pousr]_[A-Za-z0-9]{30,}",
            "\\bglpat-[A-Za-z0-9_-]{20,}",
            "\\bxox[abposr]-[A-Za-z0-9-]{10,}",
            "\\b[sr]k_live_[0-9A-Za-z]{16,}",
            "\\bAIza[0-9A-Za-z_-]{35}",
            "[A-Za-z][A-Za-z0-9+.-]*://[^/\\s:@]+:[^/\\s@]+@"));

    private CredentialShapes() {
    }

    public static boolean isCredentialName(String name) {
        String upper = name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
        if (NAME_PARTS.stream().anyMatch(upper::contains)) {
            return true;
        }
        for (String word : upper.split("_")) {
            if (NAME_WORDS.contains(word)) {
                return true;
            }
        }
        return false;
    }

    public static boolean isCredentialValue(String value) {
        return VALUE.matcher(value).find();
    }
}
