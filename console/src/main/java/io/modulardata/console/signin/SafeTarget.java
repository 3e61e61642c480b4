package io.modulardata.console.signin;

import java.util.regex.Pattern;

/** Where to go after signing in: a path of this console only, never another site (no open redirect). */
final class SafeTarget {

    private static final Pattern LOCAL_PATH = Pattern.compile("/(?![/\\\\])[A-Za-z0-9/_.~%?&=+:-]*");

    private SafeTarget() {
    }

    static String of(String next) {
        return next != null && LOCAL_PATH.matcher(next).matches() ? next : "/";
    }
}
