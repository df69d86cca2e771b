package io.invitehub.adapter.in.http.canary;

import io.javalin.http.Context;

/**
 * Test-only: a "handler" (a sub-package of the HTTP adapter outside {@code wire}) that reads a query
 * parameter and the body straight off the Context, past its route's request shape, on purpose, so
 * ArchitectureTest can show its input rule catches it.
 */
public final class CanaryReadsTheRequestItself {
    public String search(Context ctx) {
        return ctx.queryParam("q") + ctx.body();
    }
}
