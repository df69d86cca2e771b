package io.invitehub.adapter.in.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.invitehub.application.teams.port.in.ManageTeamsUseCase;
import io.invitehub.application.teams.port.in.ReplaceTeamCredentialsCommand;
import io.invitehub.application.teams.port.in.UpdateTeamCommand;
import io.invitehub.domain.team.TeamChanges;
import io.invitehub.domain.team.TeamGroupId;
import io.invitehub.domain.team.TeamId;
import io.invitehub.domain.team.TeamStatus;
import io.javalin.http.Context;

import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Staff routes of one team: change it, give it new credentials, read its external members (issue 4). */
final class TeamHandlers {
    private static final Set<String> FIELDS = Set.of("name", "max_seats", "status", "group_id");

    private final ManageTeamsUseCase teams;
    private final HttpApi api;

    TeamHandlers(ManageTeamsUseCase teams, HttpApi api) {
        this.teams = teams;
        this.api = api;
    }

    /**
     * {@code PATCH /admin/teams/{id}} with any of {@code name}, {@code max_seats}, {@code status}
     * (ACTIVE or PAUSED) and {@code group_id} (a number, or null to remove the group). A field that is
     * absent stays as it is; an unknown field is refused, so a typo never passes silently.
     */
    void updateTeam(Context ctx) {
        TeamId id = teamId(ctx);
        JsonNode body = objectWithOnly(ctx, FIELDS, "a team has name, max_seats, status and group_id");
        Optional<String> name = Optional.ofNullable(body.get("name")).map(n -> text(n, "name"));
        Optional<Integer> maxSeats = Optional.ofNullable(body.get("max_seats")).map(TeamHandlers::seats);
        Optional<TeamStatus> status = Optional.ofNullable(body.get("status")).map(TeamHandlers::status);
        boolean changeGroup = body.has("group_id");
        Optional<TeamGroupId> group = changeGroup ? group(body.get("group_id")) : Optional.empty();
        TeamChanges changes = new TeamChanges(name, maxSeats, status, changeGroup, group);
        ctx.json(HttpResponses.TeamView.of(teams.updateTeam(new UpdateTeamCommand(Access.actor(ctx), id, changes))));
    }

    /**
     * {@code PUT /admin/teams/{id}/credentials} with {@code {"credentials": "..."}} and nothing else: verified
     * with the provider, then stored sealed; a TOKEN_INVALID team becomes ACTIVE. Answers the team (never
     * the credentials); 422 CREDENTIALS_REJECTED or 502 PROVIDER_FAILED change nothing.
     */
    void replaceCredentials(Context ctx) {
        TeamId id = teamId(ctx);
        JsonNode body = objectWithOnly(ctx, Set.of("credentials"), "the body has only credentials");
        JsonNode credentials = body.get("credentials");
        if (credentials == null || credentials.isNull()) {
            throw HttpApi.invalid("field 'credentials' is required");
        }
        ctx.json(HttpResponses.TeamView.of(teams.replaceCredentials(
                new ReplaceTeamCredentialsCommand(Access.actor(ctx), id, text(credentials, "credentials")))));
    }

    /** {@code GET /admin/teams/{id}/external-members}. */
    void externalMembers(Context ctx) {
        ctx.json(HttpResponses.ExternalMembers.of(teams.externalMembers(Access.actor(ctx), teamId(ctx))));
    }

    /** The body as a JSON object whose fields are all in {@code allowed}: a typo is refused, never ignored. */
    private JsonNode objectWithOnly(Context ctx, Set<String> allowed, String hint) {
        JsonNode body = api.body(ctx, JsonNode.class);
        if (!body.isObject()) {
            throw HttpApi.invalid("request body must be a JSON object");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw HttpApi.invalid("unknown field '" + name + "'; " + hint);
            }
        }
        return body;
    }

    private static TeamId teamId(Context ctx) {
        return new TeamId(HttpApi.positiveId(ctx.pathParam("id"), "team id"));
    }

    private static String text(JsonNode node, String field) {
        if (!node.isTextual()) {
            throw HttpApi.invalid("field '" + field + "' must be a string");
        }
        return node.asText();
    }

    private static int seats(JsonNode node) {
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw HttpApi.invalid("field 'max_seats' must be a whole number");
        }
        return node.intValue();
    }

    private static TeamStatus status(JsonNode node) {
        String raw = text(node, "status").strip().toUpperCase(Locale.ROOT);
        for (TeamStatus s : TeamStatus.values()) {
            if (s.name().equals(raw)) {
                return s;
            }
        }
        throw HttpApi.invalid("status must be ACTIVE or PAUSED");
    }

    private static Optional<TeamGroupId> group(JsonNode node) {
        if (node.isNull()) {
            return Optional.empty();
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 1) {
            throw HttpApi.invalid("group_id must be a positive number, or null to remove the group");
        }
        return Optional.of(new TeamGroupId(node.longValue()));
    }
}
