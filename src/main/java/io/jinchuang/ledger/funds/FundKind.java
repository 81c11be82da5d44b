package io.jinchuang.ledger.funds;

/** SPEC §3: 引导基金 / 种子基金 / 天使基金 / 创业投资基金 / 产业投资基金. */
public enum FundKind { GUIDANCE, SEED, ANGEL, VENTURE, INDUSTRY }
