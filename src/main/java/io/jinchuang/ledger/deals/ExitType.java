package io.jinchuang.ledger.deals;

/** SPEC §3: 上市 / 并购 / 股权转让 / 回购 / 清算 / 核销. */
public enum ExitType { IPO, MERGER, SHARE_TRANSFER, BUYBACK, LIQUIDATION, WRITE_OFF }
