package io.invitehub.application.sync.service;

import io.invitehub.application.shared.port.out.Invitations;
import io.invitehub.application.shared.port.out.JobLeases;
import io.invitehub.application.shared.port.out.MemberPage;
import io.invitehub.application.shared.port.out.ProviderError;
import io.invitehub.application.shared.port.out.ProviderMember;
import io.invitehub.application.shared.port.out.RedeemCodes;
import io.invitehub.application.shared.port.out.TeamProvider;
import io.invitehub.application.shared.port.out.TeamProviderException;
import io.invitehub.application.shared.port.out.Teams;
import io.invitehub.application.shared.port.out.TransactionRunner;
import io.invitehub.application.shared.port.out.WakeUps;
import io.invitehub.application.shared.port.out.WebhookEvent;
import io.invitehub.application.shared.port.out.WebhookEvents;
import io.invitehub.application.sync.port.in.SyncOutcome;
import io.invitehub.application.sync.port.in.SyncTeamsUseCase;
import io.invitehub.application.sync.port.out.SyncSchedule;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.webhook.EventType;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.team.Team;
import io.invitehub.domain.team.TeamAccount;
import io.invitehub.domain.team.TeamId;
import io.invitehub.domain.team.TeamStatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The acceptance sync (SPEC section 6, ADR 13). One runner per team across all nodes: the runner
 * holds the team's {@link JobLeases} lease and renews it after every page. It reads every page of the
 * member list outside any transaction, then applies what it saw in one short transaction:
 * <ul>
 *   <li>INVITED invitations of the team whose e-mail is a member → JOINED ({@code accepted_at}); the
 *       code's first join sets {@code activated_at} and {@code member_expires_at} (only while unset);</li>
 *   <li>members that no seat-holding invitation of the team explains → the team's external members and
 *       {@code external_seats};</li>
 *   <li>the sync time, the next due time, the error cleared.</li>
 * </ul>
 * Every step is conditional, so a second run over the same members changes nothing (only the sync
 * time moves). A provider answer BANNED / TOKEN_INVALID sets the team's status (allocation stops);
 * any other failure is recorded on the team with a retry after a growing backoff.
 */
public final class AcceptanceSyncService implements SyncTeamsUseCase {
    private static final Logger LOG = Logger.getLogger(AcceptanceSyncService.class.getName());
    static final int MAX_ERROR_LENGTH = 500;

    private final TransactionRunner transactions;
    private final Teams teams;
    private final SyncSchedule schedule;
    private final Invitations invitations;
    private final RedeemCodes codes;
    private final TeamProvider provider;
    private final JobLeases leases;
    private final WakeUps wakeUps;
    private final Clock clock;
    private final SyncSettings settings;
    private final WebhookEvents events;

    /** Without webhook events (tests of the sync alone). */
    public AcceptanceSyncService(TransactionRunner transactions, Teams teams, SyncSchedule schedule, Invitations invitations,
                                 RedeemCodes codes, TeamProvider provider, JobLeases leases, WakeUps wakeUps, Clock clock, SyncSettings settings) {
        this(transactions, teams, schedule, invitations, codes, provider, leases, wakeUps, clock, settings, WebhookEvents.NONE);
    }

    /** {@code events}: the webhook outbox, where each INVITED → JOINED publishes {@code member.joined} in the sync's transaction. */
    public AcceptanceSyncService(TransactionRunner transactions, Teams teams, SyncSchedule schedule, Invitations invitations,
                                 RedeemCodes codes, TeamProvider provider, JobLeases leases, WakeUps wakeUps, Clock clock, SyncSettings settings,
                                 WebhookEvents events) {
        this.events = events;
        this.transactions = transactions;
        this.teams = teams;
        this.schedule = schedule;
        this.invitations = invitations;
        this.codes = codes;
        this.provider = provider;
        this.leases = leases;
        this.wakeUps = wakeUps;
        this.clock = clock;
        this.settings = settings;
    }

    /** The lease name of a team's sync; one holder across all nodes. */
    public static String leaseName(TeamId team) {
        return "acceptance-sync:team-" + team.value();
    }

    @Override
    public List<TeamId> dueTeams(int limit) {
        return schedule.dueForSync(clock.instant(), limit);
    }

    @Override
    public SyncOutcome syncTeam(TeamId team) {
        return run(team, false);
    }

    @Override
    public SyncOutcome syncIfDue(TeamId team) {
        return run(team, true);
    }

    private SyncOutcome run(TeamId id, boolean onlyIfDue) {
        Optional<JobLeases.Lease> lease = leases.tryAcquire(leaseName(id), settings.lease());
        if (lease.isEmpty()) {
            return SyncOutcome.busy(id);
        }
        try {
            // read under the lease: a runner that held it before us has finished writing
            Optional<Team> team = teams.findById(id);
            if (team.isEmpty()) {
                return SyncOutcome.notFound(id);
            }
            if (!team.get().isSynced() || (onlyIfDue && !team.get().sync().isDue(clock.instant()))) {
                return SyncOutcome.skipped(id);
            }
            return sync(team.get(), lease.get());
        } finally {
            leases.release(lease.get());
        }
    }

    private SyncOutcome sync(Team team, JobLeases.Lease lease) {
        TeamAccount account = teams.account(team.id()).orElseThrow();
        Map<Email, ProviderMember> members;
        try {
            Optional<Map<Email, ProviderMember>> read = readAllPages(account, lease);
            if (read.isEmpty()) {
                LOG.warning(() -> "lost the sync lease of team " + team.id().value() + " while reading members; nothing applied");
                return SyncOutcome.leaseLost(team.id());
            }
            members = read.get();
        } catch (TeamProviderException e) {
            return failed(team, e.error(), e.error() + ": " + e.detail(), e.retryAfter());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "acceptance sync of team " + team.id().value() + " failed unexpectedly", e);
            return failed(team, ProviderError.TRANSIENT, "TRANSIENT: unexpected provider failure: " + e, Optional.empty());
        }
        return apply(team, members);
    }

    /** Every page of the member list, renewing the lease after each; empty when the lease was lost. */
    private Optional<Map<Email, ProviderMember>> readAllPages(TeamAccount account, JobLeases.Lease lease) {
        Map<Email, ProviderMember> members = new LinkedHashMap<>();
        int offset = 0;
        for (int page = 0; page < SyncSettings.MAX_PAGES; page++) {
            MemberPage read = provider.listMembers(account, offset, settings.pageSize());
            read.members().forEach(m -> members.putIfAbsent(m.email(), m));
            if (!leases.renew(lease, settings.lease())) {
                return Optional.empty();
            }
            if (!read.hasMore() || read.members().isEmpty()) {
                return Optional.of(members);
            }
            offset += read.members().size();
        }
        throw new TeamProviderException(ProviderError.TRANSIENT, "the member list did not end after " + SyncSettings.MAX_PAGES + " pages");
    }

    private SyncOutcome apply(Team team, Map<Email, ProviderMember> members) {
        Instant now = clock.instant();
        int[] joined = {0};
        int[] activated = {0};
        int[] deliveries = {0};
        SyncSchedule.ExternalSeats seats = transactions.inTransaction(() -> {
            joined[0] = 0; // the transaction may run again (TransactionRunner): count this run only
            activated[0] = 0;
            deliveries[0] = 0;
            Set<Email> explained = new HashSet<>();
            List<Invitation> joining = new ArrayList<>();
            for (Invitation held : invitations.seatHolders(team.id())) {
                explained.add(held.email());
                if (held.state() == InvitationState.INVITED && members.containsKey(held.email())) {
                    joining.add(held);
                }
            }
            // the lock order of ADR 28: their codes, then the invitations, all before the first
            // transition writes statistics, and the team row last (recordSync)
            codes.lockAll(joining.stream().map(Invitation::codeId).toList());
            for (Invitation held : invitations.lockAll(joining.stream().map(Invitation::id).toList())) {
                if (held.state() != InvitationState.INVITED) {
                    continue; // changed before the lock (removed, timed out): not this sync's to move
                }
                Optional<Invitation> moved = invitations.apply(held.moveTo(InvitationState.JOINED, now, null));
                if (moved.isPresent()) {
                    joined[0]++;
                    deliveries[0] += events.publish(WebhookEvent.of(EventType.MEMBER_JOINED, held.distributorId(), now,
                            "invitation_id", held.publicId().toString(), "email", held.email().value(),
                            "team_id", team.id().value(), "team", team.name(), "joined_at", now));
                    if (codes.activate(held.codeId(), now)) {
                        activated[0]++;
                    }
                }
            }
            List<ProviderMember> external = new ArrayList<>();
            members.forEach((email, member) -> {
                if (!explained.contains(email)) {
                    external.add(member);
                }
            });
            return schedule.recordSync(team.id(), external, now, now.plus(settings.interval()));
        });
        if (seats.shrank()) {
            wakeUps.signal(WakeUps.Work.SEAT_PROMOTION);
        }
        if (deliveries[0] > 0) {
            wakeUps.signal(WakeUps.Work.WEBHOOKS);
        }
        if (joined[0] > 0 || seats.before() != seats.after()) {
            LOG.fine(() -> "team " + team.id().value() + " synced: " + joined[0] + " joined, external seats "
                    + seats.before() + " -> " + seats.after());
        }
        return new SyncOutcome(team.id(), SyncOutcome.Result.SYNCED, joined[0], activated[0], seats.after(), Optional.empty());
    }

    private SyncOutcome failed(Team team, ProviderError error, String message, Optional<Duration> retryAfter) {
        String text = message.length() <= MAX_ERROR_LENGTH ? message : message.substring(0, MAX_ERROR_LENGTH);
        Instant now = clock.instant();
        Duration backoff = settings.backoff(team.sync().failures() + 1);
        Duration wait = error.disablesTeam() ? settings.interval()
                : retryAfter.filter(d -> d.compareTo(backoff) > 0).orElse(backoff);
        transactions.inTransaction(() -> {
            if (error.disablesTeam()) {
                teams.setStatus(team.id(), error == ProviderError.BANNED ? TeamStatus.BANNED : TeamStatus.TOKEN_INVALID);
            }
            schedule.recordSyncFailure(team.id(), text, now.plus(wait));
        });
        LOG.warning(() -> "acceptance sync of team " + team.id().value() + " failed (" + text + ")"
                + (error.disablesTeam() ? "; the team is now " + error + " and gets no new members" : "; next try in " + wait));
        return SyncOutcome.failed(team.id(), text);
    }
}
