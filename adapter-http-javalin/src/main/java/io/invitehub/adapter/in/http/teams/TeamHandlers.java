package io.invitehub.adapter.in.http.teams;

import io.invitehub.adapter.in.http.wire.ResponseShape;
import com.fasterxml.jackson.databind.JsonNode;
import io.invitehub.adapter.in.http.wire.Field;
import io.invitehub.adapter.in.http.wire.RequestShape;
import io.invitehub.application.teams.port.in.CreateTeamCommand;
import io.invitehub.application.teams.port.in.ManageTeamsUseCase;
import io.invitehub.application.teams.port.in.ReplaceTeamCredentialsCommand;
import io.invitehub.application.teams.view.TeamExternalMembers;
import io.invitehub.application.teams.port.in.UpdateTeamCommand;
import io.invitehub.application.shared.view.ExternalMember;
import io.invitehub.domain.team.Team;
import io.invitehub.domain.team.TeamChanges;
import io.invitehub.domain.team.TeamGroupId;
import io.invitehub.domain.team.TeamId;
import io.invitehub.domain.team.TeamStatus;
import io.javalin.http.Context;

import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static io.invitehub.adapter.in.http.wire.HttpRequests.actor;
import static io.invitehub.adapter.in.http.wire.HttpRequests.body;
import static io.invitehub.adapter.in.http.wire.HttpRequests.group;
import static io.invitehub.adapter.in.http.wire.HttpRequests.invalid;
import static io.invitehub.adapter.in.http.wire.HttpRequests.pathId;
import static io.invitehub.adapter.in.http.wire.HttpRequests.required;

/**
 * Staff routes of the team pool: create and list teams, create groups, change a team, give it new
 * credentials, read its external members (issue 4).
 */
public final class TeamHandlers {
    // ---- what the routes answer (ADR 40) ----------------------------------------------------------
    public static final ResponseShape TEAM_CREATED_ANSWER = ResponseShape.created(TeamView.class);
    public static final ResponseShape TEAMS_ANSWER = ResponseShape.list(TeamView.class);
    public static final ResponseShape GROUP_CREATED_ANSWER = ResponseShape.created(TeamGroup.class);
    public static final ResponseShape TEAM_ANSWER = ResponseShape.ok(TeamView.class);
    public static final ResponseShape EXTERNAL_MEMBERS_ANSWER = ResponseShape.ok(ExternalMembers.class);

    private static final Set<String> FIELDS = Set.of("name", "max_seats", "status", "group_id");
    /** A workspace id of the provider: far shorter in practice, and well inside what a btree entry holds. */
    static final int MAX_PROVIDER_ACCOUNT_ID = 255;
    /** Credentials are refused above this length before the provider is asked (the service's own bound). */
    static final int MAX_CREDENTIALS = 16_384;

    private static final Field ID = Field.id("id").labelled("team id");
    private static final Field NAME = Field.text("name", Team.MAX_NAME_LENGTH);
    private static final Field MAX_SEATS = Field.integer("max_seats", 0, Team.MAX_SEATS_LIMIT);

    /** What each route reads (ADR 33). */
    public static final RequestShape CREATE_TEAM = RequestShape.none().body(NAME, Field.text("provider_account_id", MAX_PROVIDER_ACCOUNT_ID),
            Field.prose("credentials", MAX_CREDENTIALS), MAX_SEATS, Field.id("group_id"));
    public static final RequestShape LIST_TEAMS = RequestShape.none();
    public static final RequestShape ONE_TEAM = RequestShape.none().path(ID);
    /** {@code status} is checked by the handler, which explains why BANNED and TOKEN_INVALID cannot be set by hand. */
    public static final RequestShape UPDATE_TEAM = ONE_TEAM.body(NAME, MAX_SEATS, Field.text("status", 20), Field.id("group_id"));
    public static final RequestShape REPLACE_CREDENTIALS = ONE_TEAM.body(Field.prose("credentials", MAX_CREDENTIALS));
    public static final RequestShape CREATE_GROUP = RequestShape.none().body(NAME);

    private final ManageTeamsUseCase teams;

    public TeamHandlers(ManageTeamsUseCase teams) {
        this.teams = Objects.requireNonNull(teams, "teams");
    }

    // ---- request and response bodies (snake_case on the wire) ---------------------------------------

    record CreateTeam(String name, String providerAccountId, String credentials, Integer maxSeats, Long groupId) {
        @Override
        public String toString() {
            return "CreateTeam[" + name + ", " + providerAccountId + ", credentials=***]";
        }
    }

    record CreateTeamGroup(String name) {
    }

    record TeamGroup(long id, String name) {
    }

    /** A team as staff see it, with its acceptance sync state. Credentials are deliberately not a field. */
    record TeamView(long id, String name, String providerAccountId, int maxSeats, int seatsReserved, int externalSeats,
                    int freeSeats, Long groupId, String status, Instant createdAt, Instant lastSyncedAt, String lastSyncError,
                    int syncFailures, Instant nextSyncAt) {
        static TeamView of(Team team) {
            Team.Sync sync = team.sync();
            return new TeamView(team.id().value(), team.name(), team.providerAccountId(), team.maxSeats(),
                    team.seatsReserved(), team.externalSeats(), team.freeSeats(),
                    team.group().map(TeamGroupId::value).orElse(null), team.status().name(), team.createdAt(),
                    sync.lastSyncedAt(), sync.lastError(), sync.failures(), sync.nextSyncAt());
        }
    }

    /** The members of a team that no invitation explains, as its last successful sync saw them. */
    record ExternalMembers(long teamId, int externalSeats, Instant lastSyncedAt, String lastSyncError, List<ExternalMemberView> members) {
        static ExternalMembers of(TeamExternalMembers view) {
            Team team = view.team();
            return new ExternalMembers(team.id().value(), team.externalSeats(), team.sync().lastSyncedAt(), team.sync().lastError(),
                    view.members().stream().map(ExternalMemberView::of).collect(Collectors.toList()));
        }
    }

    record ExternalMemberView(String email, String providerUserId, String role, Instant joinedAt, Instant firstSeenAt) {
        static ExternalMemberView of(ExternalMember m) {
            return new ExternalMemberView(m.email().value(), m.providerUserId().orElse(null), m.role().orElse(null),
                    m.joinedAt().orElse(null), m.firstSeenAt());
        }
    }

    // ---- the pool -----------------------------------------------------------------------------------

    public void createTeam(Context ctx) {
        CreateTeam request = body(ctx, CreateTeam.class);
        int maxSeats = required(request.maxSeats(), "max_seats");
        CreateTeamCommand command = new CreateTeamCommand(actor(ctx), request.name(), request.providerAccountId(),
                request.credentials(), maxSeats, group(request.groupId()));
        ctx.status(201).json(TeamView.of(teams.createTeam(command)));
    }

    public void listTeams(Context ctx) {
        ctx.json(teams.listTeams().stream().map(TeamView::of).collect(Collectors.toList()));
    }

    public void createGroup(Context ctx) {
        CreateTeamGroup request = body(ctx, CreateTeamGroup.class);
        TeamGroupId id = teams.createGroup(actor(ctx), request.name());
        ctx.status(201).json(new TeamGroup(id.value(), request.name().strip()));
    }

    // ---- one team -----------------------------------------------------------------------------------

    /**
     * {@code PATCH /admin/teams/{id}} with any of {@code name}, {@code max_seats}, {@code status}
     * (ACTIVE or PAUSED) and {@code group_id} (a number, or null to remove the group). A field that is
     * absent stays as it is; an unknown field is refused, so a typo never passes silently.
     */
    public void updateTeam(Context ctx) {
        TeamId id = teamId(ctx);
        JsonNode body = objectWithOnly(ctx, FIELDS, "a team has name, max_seats, status and group_id");
        Optional<String> name = Optional.ofNullable(body.get("name")).map(n -> text(n, "name"));
        Optional<Integer> maxSeats = Optional.ofNullable(body.get("max_seats")).map(TeamHandlers::seats);
        Optional<TeamStatus> status = Optional.ofNullable(body.get("status")).map(TeamHandlers::status);
        boolean changeGroup = body.has("group_id");
        Optional<TeamGroupId> group = changeGroup ? changedGroup(body.get("group_id")) : Optional.empty();
        TeamChanges changes = new TeamChanges(name, maxSeats, status, changeGroup, group);
        ctx.json(TeamView.of(teams.updateTeam(new UpdateTeamCommand(actor(ctx), id, changes))));
    }

    /**
     * {@code PUT /admin/teams/{id}/credentials} with {@code {"credentials": "..."}} and nothing else: verified
     * with the provider, then stored sealed; a TOKEN_INVALID team becomes ACTIVE. Answers the team (never
     * the credentials); 422 CREDENTIALS_REJECTED or 502 PROVIDER_FAILED change nothing.
     */
    public void replaceCredentials(Context ctx) {
        TeamId id = teamId(ctx);
        JsonNode body = objectWithOnly(ctx, Set.of("credentials"), "the body has only credentials");
        JsonNode credentials = body.get("credentials");
        if (credentials == null || credentials.isNull()) {
            throw invalid("field 'credentials' is required");
        }
        ctx.json(TeamView.of(teams.replaceCredentials(
                new ReplaceTeamCredentialsCommand(actor(ctx), id, text(credentials, "credentials")))));
    }

    /** {@code GET /admin/teams/{id}/external-members}. */
    public void externalMembers(Context ctx) {
        ctx.json(ExternalMembers.of(teams.externalMembers(actor(ctx), teamId(ctx))));
    }

    // ---- parsing ------------------------------------------------------------------------------------

    /** The body as a JSON object whose fields are all in {@code allowed}: a typo is refused, never ignored. */
    private static JsonNode objectWithOnly(Context ctx, Set<String> allowed, String hint) {
        JsonNode body = body(ctx, JsonNode.class);
        if (!body.isObject()) {
            throw invalid("request body must be a JSON object");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw invalid("unknown field '" + name + "'; " + hint);
            }
        }
        return body;
    }

    private static TeamId teamId(Context ctx) {
        return new TeamId(pathId(ctx, "team id"));
    }

    private static String text(JsonNode node, String field) {
        if (!node.isTextual()) {
            throw invalid("field '" + field + "' must be a string");
        }
        return node.asText();
    }

    private static int seats(JsonNode node) {
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw invalid("field 'max_seats' must be a whole number");
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
        throw invalid("status must be ACTIVE or PAUSED");
    }

    private static Optional<TeamGroupId> changedGroup(JsonNode node) {
        if (node.isNull()) {
            return Optional.empty();
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 1) {
            throw invalid("group_id must be a positive number, or null to remove the group");
        }
        return Optional.of(new TeamGroupId(node.longValue()));
    }
}
