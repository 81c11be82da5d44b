package io.jinchuang.ledger.exemption;

/** SPEC §5: the four conditions of due-diligence exemption (尽职免责), in the policy's order. */
public enum Condition {
    /** 科学严谨遴选项目: a due-diligence report is recorded for the first investment. */
    RIGOROUS_SELECTION,
    /** 投资决策程序完备: every investment has a recorded decision taken on or before its date. */
    COMPLETE_DECISION,
    /** 管理机构尽职尽责: monitoring never lapsed more than 366 days. */
    DILIGENT_MANAGEMENT,
    /** 遵守市场规则: no investment was flagged as a conflict of interest. */
    MARKET_RULES
}
