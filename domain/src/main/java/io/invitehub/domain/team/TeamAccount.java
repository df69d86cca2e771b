package io.invitehub.domain.team;

import java.util.Objects;

/**
 * What a team provider needs to act on one workspace: its account id and its credentials.
 * {@link #toString()} never prints the credentials.
 */
public record TeamAccount(TeamId teamId, String providerAccountId, String credentials) {
    public TeamAccount {
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(providerAccountId, "providerAccountId");
        credentials = credentials == null ? "" : credentials;
    }

    @Override
    public String toString() {
        return "TeamAccount[" + teamId.value() + ", " + providerAccountId + ", credentials=***]";
    }
}
