package io.jinchuang.ledger.auth;

import io.javalin.security.RouteRole;

/** SPEC §8 roles. (The one auth type the HTTP layer shares with Javalin.) */
public enum Role implements RouteRole { ADMIN, MANAGER, COMPLIANCE, AUDITOR }
