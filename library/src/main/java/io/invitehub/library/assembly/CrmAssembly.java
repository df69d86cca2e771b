package io.invitehub.library.assembly;

import io.invitehub.adapter.out.persistence.JooqPersistence;
import io.invitehub.application.crm.port.in.CustomerRelationsUseCase;
import io.invitehub.application.crm.service.CustomerRelationsService;

/** CRM lite (SPEC section 9, ADR 36): a distributor's tags and notes on its customers. */
public record CrmAssembly(CustomerRelationsUseCase crm) {

    public static CrmAssembly wire(Adapters a) {
        JooqPersistence db = a.persistence();
        return new CrmAssembly(new CustomerRelationsService(db.transactions(), db.customerBook(), db.users(), db.audit(), a.clock()));
    }
}
