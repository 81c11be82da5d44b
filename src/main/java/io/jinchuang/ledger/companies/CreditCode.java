package io.jinchuang.ledger.companies;

/**
 * The 18-character unified social credit code (统一社会信用代码, GB 32100-2015) that
 * identifies a company. Only the form and the check digit are verified: whether the code
 * was ever issued is the registry's business, not the ledger's.
 */
public final class CreditCode {
    public static final int LENGTH = 18;
    /** The standard leaves out I, O, S, V and Z so they cannot be misread as 1, 0, 5, U and 2. */
    static final String CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int MODULUS = CHARSET.length();
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private CreditCode() {}

    public static boolean isValid(String code) {
        return problem(code) == null;
    }

    /** Null when the code is valid, otherwise a short reason fit for a problem response. */
    public static String problem(String code) {
        if (code == null || code.isEmpty()) {
            return "is required";
        }
        if (code.length() != LENGTH) {
            return "must be " + LENGTH + " characters";
        }
        if (code.chars().anyMatch(c -> c >= 'a' && c <= 'z')) {
            // Said apart from the charset rule: a lower-case copy of a valid code is a common slip.
            return "must be upper case";
        }
        if (!code.chars().allMatch(c -> CHARSET.indexOf(c) >= 0)) {
            return "contains a character not allowed in a credit code (I, O, S, V, Z are never used)";
        }
        char expected = checkCharacter(code);
        if (code.charAt(LENGTH - 1) != expected) {
            return "check digit is wrong: expected " + expected;
        }
        return null;
    }

    /** The 18th character the first 17 call for; they must all be in the charset. */
    public static char checkCharacter(String code) {
        int sum = 0;
        for (int i = 0; i < WEIGHTS.length; i++) {
            sum += CHARSET.indexOf(code.charAt(i)) * WEIGHTS[i];
        }
        int check = (MODULUS - sum % MODULUS) % MODULUS; // a check of 31 is written as 0
        return CHARSET.charAt(check);
    }
}
