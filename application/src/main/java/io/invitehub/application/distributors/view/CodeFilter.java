package io.invitehub.application.distributors.view;

import io.invitehub.domain.code.CodeStatus;

import java.util.Objects;
import java.util.Optional;

/** Filters of the code list: status at query time, code prefix (normal form), usage (never used or used). */
public record CodeFilter(Optional<CodeStatus> status, Optional<String> prefix, Optional<CodeUsage> usage) {
    public static final CodeFilter NONE = new CodeFilter(Optional.empty(), Optional.empty(), Optional.empty());

    public CodeFilter {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(usage, "usage");
        prefix = prefix.map(String::strip).filter(p -> !p.isEmpty());
    }

    /** Status and prefix, any usage. */
    public CodeFilter(Optional<CodeStatus> status, Optional<String> prefix) {
        this(status, prefix, Optional.empty());
    }
}
