package io.invitehub.application.shared.port.out;

import io.invitehub.domain.code.Code;

/** Produces new random codes from a cryptographically strong source, with the configured prefix and length. */
public interface CodeGenerator {
    Code next();
}
