package io.jinchuang.ledger.exemption;

/** SPEC §1: who may be exempted from liability (尽职免责); {@code exemption.roles} picks and orders them. */
public enum ExemptionRole {
    /** 决策机构 */
    DECISION_BODY,
    /** 业务主管部门 */
    COMPETENT_DEPARTMENT,
    /** 出资代表 */
    CONTRIBUTOR_REPRESENTATIVE,
    /** 受托管理机构 */
    ENTRUSTED_MANAGER,
    /** 从业人员 */
    PRACTITIONERS
}
