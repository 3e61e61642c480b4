package io.modulardata.console.catalog;

import java.util.Comparator;

/**
 * Semantic-version order (registry-service refuses any other kind of version): numeric major, minor and
 * patch, then a pre-release sorts before its release and pre-release parts compare numerically or as text.
 */
final class VersionOrder implements Comparator<String> {

    static final VersionOrder INSTANCE = new VersionOrder();

    @Override
    public int compare(String left, String right) {
        String[] a = left.split("-", 2);
        String[] b = right.split("-", 2);
        int core = compareParts(a[0].split("\\."), b[0].split("\\."));
        if (core != 0) {
            return core;
        }
        if (a.length != b.length) {
            return a.length == 1 ? 1 : -1; // a release after its pre-releases
        }
        return a.length == 1 ? 0 : compareParts(a[1].split("\\."), b[1].split("\\."));
    }

    private static int compareParts(String[] a, String[] b) {
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            int part = comparePart(a[i], b[i]);
            if (part != 0) {
                return part;
            }
        }
        return Integer.compare(a.length, b.length);
    }

    private static int comparePart(String a, String b) {
        boolean numericA = a.chars().allMatch(Character::isDigit) && !a.isEmpty();
        boolean numericB = b.chars().allMatch(Character::isDigit) && !b.isEmpty();
        if (numericA && numericB) {
            return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
        }
        if (numericA != numericB) {
            return numericA ? -1 : 1;
        }
        return a.compareTo(b);
    }
}
