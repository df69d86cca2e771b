package io.invitehub.bench;

import io.invitehub.application.codes.port.in.IssueCodesCommand;
import io.invitehub.application.distributors.view.DistributorSummary;
import io.invitehub.bench.dataset.DistributorCodes;
import io.invitehub.bootstrap.InviteHub;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.user.Actor;
import io.invitehub.domain.user.UserId;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The bench's distributor-code redemptions (issue 17, phase 5): the platform-code phase skips what a distributor's code
 * runs on top (the statistics rollups of its owner, the settlement charge on acceptance, the webhook outbox), so this
 * phase redeems single-use codes owned by seeded distributors — the largest and a spread of the long tail, each given
 * codes in proportion to what it already owns, as real traffic would be — and checks afterwards that each owner's
 * summary moved by exactly its redemptions. The codes are issued through the same use case as the platform phase's
 * (an admin grant to each owner), right before the phase, so the read phase measured the SPEC 11 dataset as seeded.
 */
final class DistributorPhase {
    /** Distributors whose codes are redeemed: the largest and tail ranks 0, 1, 2, 4, 8, … (fewer in a small dataset). */
    static final int DISTRIBUTORS = 8;
    /** The shuffle of the codes is fixed, so two runs hand the same owners' codes out in the same order. */
    private static final long SHUFFLE_SEED = 17;
    /** The note of the phase's codes: how the check finds them again in {@code redeem_codes}. */
    static final String NOTE = "bench distributor-code phase";

    private DistributorPhase() {
    }

    /**
     * The dataset's largest distributor first, then of the rest of {@code bySize} (most codes first) the ranks 0, 1, 2,
     * 4, 8, … (a few big, more smaller ones), at most {@code count} in all; the tiny distributor is left out (the shop
     * phase's buyer: its codes move with the shop's orders). In a small dataset the tail's first may own more codes
     * than {@code bench-largest}, so the largest is taken by id, not by rank.
     */
    static List<DistributorCodes.Owner> choose(List<DistributorCodes.Owner> bySize, long largest, long tiny, int count) {
        List<DistributorCodes.Owner> chosen = new ArrayList<>();
        bySize.stream().filter(o -> o.id() == largest).findFirst().ifPresent(chosen::add);
        List<DistributorCodes.Owner> tail = bySize.stream().filter(o -> o.id() != tiny && o.id() != largest && o.codes() > 0).toList();
        for (int rank = 0; rank < tail.size() && chosen.size() < count; rank = rank == 0 ? 1 : rank * 2) {
            chosen.add(tail.get(rank));
        }
        return List.copyOf(chosen);
    }

    /** {@code total} codes split over {@code owners} in proportion to the codes each owns (largest remainder), at least one each. */
    static int[] allocate(List<DistributorCodes.Owner> owners, int total) {
        if (owners.isEmpty() || total < owners.size()) {
            throw new IllegalArgumentException("at least one code per distributor: " + total + " codes for " + owners.size());
        }
        long weight = owners.stream().mapToLong(DistributorCodes.Owner::codes).sum();
        int spare = total - owners.size();
        int[] shares = new int[owners.size()];
        double[] remainders = new double[owners.size()];
        int given = 0;
        for (int i = 0; i < shares.length; i++) {
            double exact = (double) spare * owners.get(i).codes() / weight;
            shares[i] = 1 + (int) Math.floor(exact);
            remainders[i] = exact - Math.floor(exact);
            given += shares[i];
        }
        while (given < total) {
            int best = 0;
            for (int i = 1; i < remainders.length; i++) {
                if (remainders[i] > remainders[best]) {
                    best = i;
                }
            }
            shares[best]++;
            remainders[best] = -1;
            given++;
        }
        return shares;
    }

    /** The phase's codes, issued and shuffled, with the e-mail of each redemption, and each owner's summary after the issue. */
    record Prepared(List<DistributorCodes.Owner> owners, List<LoadGenerator.Redemption> redemptions, Map<Long, DistributorSummary> before) {
    }

    /**
     * Issues {@code shares[i]} single-use codes to owner i (in grants of at most {@link IssueCodesCommand#MAX_COUNT}, the
     * terms of the platform phase's codes plus the owner), shuffles them so every owner is redeemed throughout each stage,
     * pairs each with a distinct e-mail {@code <emailPrefix><n>@example.com}, and reads each owner's summary.
     */
    static Prepared prepare(InviteHub hub, List<DistributorCodes.Owner> owners, int[] shares, String emailPrefix) {
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < owners.size(); i++) {
            CodeTerms terms = new CodeTerms(Optional.of(new UserId(owners.get(i).id())), 1, 30, Optional.empty(), Optional.empty(), 1,
                    Optional.of(NOTE));
            for (int left = shares[i]; left > 0; left -= IssueCodesCommand.MAX_COUNT) {
                for (Code code : hub.issueCodes().issue(new IssueCodesCommand(Actor.system(), terms, Math.min(IssueCodesCommand.MAX_COUNT, left)))) {
                    codes.add(code.value());
                }
            }
        }
        java.util.Collections.shuffle(codes, new Random(SHUFFLE_SEED));
        List<LoadGenerator.Redemption> redemptions = new ArrayList<>(codes.size());
        for (int n = 0; n < codes.size(); n++) {
            redemptions.add(new LoadGenerator.Redemption(codes.get(n), emailPrefix + n + "@example.com"));
        }
        return new Prepared(List.copyOf(owners), redemptions, summaries(hub, owners));
    }

    /** Each owner's summary as {@code GET /distributors/me/summary} answers it (the same use case). */
    static Map<Long, DistributorSummary> summaries(InviteHub hub, Collection<DistributorCodes.Owner> owners) {
        Map<Long, DistributorSummary> summaries = new LinkedHashMap<>();
        for (DistributorCodes.Owner o : owners) {
            summaries.put(o.id(), hub.distributorQueries().summary(new UserId(o.id()), new UserId(o.id())));
        }
        return summaries;
    }

    /** What the check printed, one line per owner and a total, and what it found broken (empty: all held). */
    record Checked(List<String> lines, List<String> violations) {
        boolean held() {
            return violations.isEmpty();
        }
    }

    /**
     * The phase's invariants. {@code redeemed}: per owner, the phase's codes with a use ({@code redeem_codes}); {@code
     * successes}: the redemptions answered 200 over every stage; {@code overUsed}: the phase's codes over their uses;
     * {@code dispatched}: whether the dispatcher had turned every invitation of the phase out of RESERVED when
     * {@code after} was read. Each owner's summary must have moved by exactly its redemptions: {@code redeem_attempts},
     * {@code today.redeemed} (when the business day did not change in between), the code buckets (that many codes from
     * active to depleted, none added or gone) and, once dispatched, {@code invites_sent_success}.
     */
    static Checked check(List<DistributorCodes.Owner> owners, Map<Long, DistributorSummary> before, Map<Long, DistributorSummary> after,
                         Map<Long, Long> redeemed, long successes, long overUsed, boolean dispatched) {
        List<String> lines = new ArrayList<>();
        List<String> broken = new ArrayList<>();
        long sum = 0;
        for (DistributorCodes.Owner o : owners) {
            DistributorSummary b = before.get(o.id());
            DistributorSummary a = after.get(o.id());
            long r = redeemed.getOrDefault(o.id(), 0L);
            sum += r;
            List<String> moved = new ArrayList<>();
            List<String> wrong = new ArrayList<>();
            compare("redeem_attempts", a.redeemAttempts() - b.redeemAttempts(), r, moved, wrong);
            if (a.businessDay().equals(b.businessDay())) {
                compare("today.redeemed", a.today().redeemed() - b.today().redeemed(), r, moved, wrong);
            } else {
                moved.add("today.redeemed not compared (the business day changed)");
            }
            compare("active_codes", a.activeCodes() - b.activeCodes(), -r, moved, wrong);
            compare("depleted_codes", a.depletedCodes() - b.depletedCodes(), r, moved, wrong);
            compare("total_codes", a.totalCodes() - b.totalCodes(), 0, moved, wrong);
            if (dispatched) {
                compare("invites_sent_success", a.invitesSentSuccess() - b.invitesSentSuccess(), r, moved, wrong);
            } else {
                moved.add("invites_sent_success not compared (the dispatcher had not drained)");
            }
            String who = String.format(Locale.ROOT, "  %s (%,d codes seeded): %,d redeemed; ", o.username(), o.codes(), r);
            if (wrong.isEmpty()) {
                lines.add(who + "summary moved by exactly that (" + String.join(", ", moved) + ")");
            } else {
                lines.add(who + "INVARIANT BROKEN: " + String.join(", ", wrong));
                broken.add(o.username() + ": " + String.join(", ", wrong));
            }
        }
        if (sum != successes) {
            broken.add("codes redeemed (" + sum + ") differ from successful redemptions (" + successes + ")");
        }
        if (overUsed > 0) {
            broken.add(overUsed + " code(s) over their uses");
        }
        lines.add(0, String.format(Locale.ROOT, "distributor summaries after the phase: %,d codes redeemed over %d distributors, "
                        + "%,d successful redemptions, %d codes over their uses%s", sum, owners.size(), successes, overUsed,
                broken.isEmpty() ? "" : " — INVARIANT BROKEN: " + String.join("; ", broken)));
        return new Checked(List.copyOf(lines), List.copyOf(broken));
    }

    private static void compare(String name, long delta, long expected, List<String> moved, List<String> wrong) {
        if (delta == expected) {
            moved.add(String.format(Locale.ROOT, "%s %+,d", name, delta));
        } else {
            wrong.add(String.format(Locale.ROOT, "%s moved %+,d, expected %+,d", name, delta, expected));
        }
    }
}
