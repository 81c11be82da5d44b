package io.jinchuang.ledger.companies;

/** SPEC §3 被投企业: identified by its unified social credit code. */
public record NewCompany(String creditCode, String name, String sector) {}
