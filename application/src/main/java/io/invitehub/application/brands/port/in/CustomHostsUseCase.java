package io.invitehub.application.brands.port.in;

import io.invitehub.application.brands.view.CustomHostRequest;
import io.invitehub.application.shared.port.in.Page;
import io.invitehub.application.shared.port.in.PageRequest;
import io.invitehub.domain.brand.CustomHost;
import io.invitehub.domain.user.Actor;
import io.invitehub.domain.user.UserId;

/**
 * The custom hosts distributors ask for, verified by an ADMIN once its DNS points at the platform and the proxy
 * serves it (docs/operations.md): only then does the service answer the own link on that host (ADR 47).
 */
public interface CustomHostsUseCase {

    /** Every brand with a custom host, verified or waiting, by distributor id (ADMIN). */
    Page<CustomHostRequest> customHosts(Actor admin, PageRequest page);

    /**
     * Marks the distributor's custom host verified, named again so a host changed meanwhile is not verified by
     * mistake (audited).
     *
     * @throws io.invitehub.domain.shared.DomainException FORBIDDEN unless ADMIN; NOT_FOUND when the distributor has
     *         no such custom host (none, or another one)
     */
    CustomHostRequest verify(Actor admin, UserId distributor, CustomHost host);
}
