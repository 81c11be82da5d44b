package io.jinchuang.ledger.reconciliation;

/**
 * Something the year-end batch found wrong. {@code subject} names what (an entry, an account,
 * a holding, a statement line); {@code detail} says how, in words and figures.
 */
public record Discrepancy(Kind kind, String subject, String detail) {
    public enum Kind {
        /** the hash chain does not verify (sequence, previous hash, hash, or the fund's recorded head) */
        CHAIN,
        /** an entry whose debits do not equal its credits */
        UNBALANCED_ENTRY,
        /** a kept balance (account_balance) differs from the sum of the account's journal lines */
        KEPT_BALANCE,
        /** a holding's cost rolled forward from the deals differs from its account in the journal */
        ROLL_FORWARD,
        /** a cash movement of the year that no statement line matches */
        BANK_UNMATCHED_LEDGER,
        /** a statement line that no cash movement of the year matches */
        BANK_UNMATCHED_STATEMENT
    }
}
