package io.jinchuang.ledger.journal;

/** An entry's address: the fund's chain and its sequence number in it. */
public record EntryRef(String fund, long seq) {}
