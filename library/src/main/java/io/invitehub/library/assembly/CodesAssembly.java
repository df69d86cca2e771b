package io.invitehub.library.assembly;

import io.invitehub.adapter.out.persistence.JooqPersistence;
import io.invitehub.adapter.out.security.SecureRandomCodeGenerator;
import io.invitehub.application.codes.port.in.IssueCodesUseCase;
import io.invitehub.application.codes.port.in.ManageCodesUseCase;
import io.invitehub.application.shared.port.out.CodeGenerator;
import io.invitehub.application.codes.service.CodeIssuingService;
import io.invitehub.application.codes.service.CodeManagementService;
import io.invitehub.library.config.RedemptionConfig;

/**
 * Redeem codes (SPEC sections 4 and 5): issuing, enable/disable and deletion. The one code generator
 * ({@code INVITEHUB_CODE_PREFIX}, {@code INVITEHUB_CODE_LENGTH}) is built here and also serves the
 * shop's fulfilment.
 */
public record CodesAssembly(CodeGenerator generator, IssueCodesUseCase issue, ManageCodesUseCase manage) {

    public static CodesAssembly wire(Adapters a, RedemptionConfig config) {
        JooqPersistence db = a.persistence();
        CodeGenerator generator = new SecureRandomCodeGenerator(config.codePrefix(), config.codeLength());
        IssueCodesUseCase issue = new CodeIssuingService(db.transactions(), db.codes(), db.users(), db.teams(), generator, db.audit(),
                a.clock());
        ManageCodesUseCase manage = new CodeManagementService(db.transactions(), db.codes(), db.users(), a.clock());
        return new CodesAssembly(generator, issue, manage);
    }
}
