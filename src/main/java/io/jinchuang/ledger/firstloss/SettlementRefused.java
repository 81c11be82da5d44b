package io.jinchuang.ledger.firstloss;

/**
 * A liquidation the client asked for that SPEC §6 does not allow: answered with 422, and
 * nothing is posted. Invariant failures inside the computation are AssertionErrors instead.
 */
public final class SettlementRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        NEGATIVE_NET_PROCEEDS("netProceeds"),
        NEGATIVE_APPROVED_AMOUNT("approvedAmount"),
        /** Proceeds or interim distributions exist but nothing was paid in: no pro-rata basis. */
        NOTHING_PAID_IN("netProceeds"),
        /** A non-guidance partner's final cash would be negative: only the guidance fund pays back. */
        PARTNER_WOULD_PAY_BACK("netProceeds");

        private final String field;

        Reason(String field) {
            this.field = field;
        }

        /** The request field a problem response's {@code errors} entry should name. */
        public String field() {
            return field;
        }
    }

    private final Reason reason;

    public SettlementRefused(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
