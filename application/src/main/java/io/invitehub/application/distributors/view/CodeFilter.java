package io.invitehub.application.distributors.view;

import io.invitehub.domain.code.CodeStatus;

import java.util.Objects;
import java.util.Optional;

/** Filters of the code list: status at query time, code prefix (normal form). */
public record CodeFilter(Optional<CodeStatus> status, Optional<String> prefix) {
    public static final CodeFilter NONE = new CodeFilter(Optional.empty(), Optional.empty());

    public CodeFilter {
        Objects.requireNonNull(status, "status");
        prefix = prefix.map(String::strip).filter(p -> !p.isEmpty());
    }
}
