package io.jinchuang.ledger.funds;

/** SPEC §3: the guidance fund as partner, the general partner, a limited partner. */
public enum PartnerRole { GUIDANCE, GP, LP }
