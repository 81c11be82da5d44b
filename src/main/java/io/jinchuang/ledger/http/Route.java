package io.jinchuang.ledger.http;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.jinchuang.ledger.auth.Role;
import java.util.Set;

/**
 * One row of the API's table of contents. {@code roles} empty means no token is needed;
 * otherwise only those roles reach the handler (managers then only for their funds).
 */
public record Route(HandlerType method, String path, Set<Role> roles, Handler handler) {}
