package io.modulardata.audit.chain;

/** The answer of a verification: {@code firstBrokenSequence} and {@code reason} are null when valid. */
public record VerifyResult(boolean valid, long checkedEntries, Long firstBrokenSequence, String reason) {

    public static VerifyResult ok(long checked) {
        return new VerifyResult(true, checked, null, null);
    }

    public static VerifyResult broken(long checked, long sequence, String reason) {
        return new VerifyResult(false, checked, sequence, reason);
    }
}
