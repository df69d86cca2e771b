package io.invitehub.application.webhooks.port.in;

import io.invitehub.application.webhooks.view.EndpointView;

/** A new endpoint and its signing secret: the only time the secret is shown. */
public record CreatedEndpoint(EndpointView endpoint, String secret) {
    @Override
    public String toString() {
        return "CreatedEndpoint[" + endpoint + ", secret=***]";
    }
}
