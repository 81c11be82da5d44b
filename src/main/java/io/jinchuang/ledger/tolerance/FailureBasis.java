package io.jinchuang.ledger.tolerance;

/**
 * SPEC §4: what makes a project count as failed, chosen by {@code tolerance.failure-basis}.
 * The policy says "项目失败率" without defining failure, so the ledger offers the readings
 * a compliance officer is likely to be asked about.
 */
public enum FailureBasis {
    /** Default: fully exited and got back less than it cost (any LIQUIDATION or WRITE_OFF closing it counts). */
    REALIZED_LOSS,
    /** Only projects closed by a LIQUIDATION (清算) or WRITE_OFF (核销): the narrowest reading. */
    WRITTEN_OFF,
    /** As REALIZED_LOSS, plus held projects valued below their remaining cost: the widest reading. */
    IMPAIRED
}
