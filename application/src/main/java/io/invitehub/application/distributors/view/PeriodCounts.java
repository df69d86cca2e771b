package io.invitehub.application.distributors.view;

/** Event counts of a distributor over some business days (see docs/statistics.md). */
public record PeriodCounts(long redeemed, long invited, long accepted, long removed) {
    public static final PeriodCounts ZERO = new PeriodCounts(0, 0, 0, 0);

    public PeriodCounts plus(PeriodCounts o) {
        return new PeriodCounts(redeemed + o.redeemed, invited + o.invited, accepted + o.accepted, removed + o.removed);
    }
}
