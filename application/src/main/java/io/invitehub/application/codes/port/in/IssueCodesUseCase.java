package io.invitehub.application.codes.port.in;

import io.invitehub.domain.code.Code;

import java.util.List;

public interface IssueCodesUseCase {
    /** Generates and stores the codes in bulk; collisions are regenerated. Refuses an owner that is no distributor. */
    List<Code> issue(IssueCodesCommand command);
}
