package io.jinchuang.ledger.input;

/** A JSON number as written, so that {@code 1e5} and {@code 1.005} can be refused as amounts, not rounded. */
public record RawNumber(String text) {}
