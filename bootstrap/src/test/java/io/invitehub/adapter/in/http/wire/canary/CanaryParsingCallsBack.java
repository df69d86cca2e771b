package io.invitehub.adapter.in.http.wire.canary;

import io.invitehub.adapter.in.http.HttpApi;
import io.invitehub.adapter.in.http.RouteTable;
import io.invitehub.application.redemption.service.RedeemService;
import io.invitehub.application.shared.port.out.RedeemCodes;

/**
 * Test-only: a class in the request-parsing leaf (a sub-package of the HTTP adapter) that calls back into
 * the server and the route table, and holds an application service and an out-port, on purpose, so ArchitectureTest can
 * show its HTTP rules catch it.
 */
public final class CanaryParsingCallsBack {
    private HttpApi server;
    private RouteTable table;
    private RedeemService service;
    private RedeemCodes store;

    public int routes() {
        return server == null || service == null || store == null ? table.routes().size() : server.routes().size();
    }
}
