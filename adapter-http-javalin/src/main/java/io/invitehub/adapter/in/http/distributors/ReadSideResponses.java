package io.invitehub.adapter.in.http.distributors;

import io.invitehub.adapter.in.http.auth.Account;
import io.invitehub.application.distributors.view.DistributorDetail;
import io.invitehub.application.distributors.view.DistributorOverview;
import io.invitehub.application.distributors.view.PlatformAnalytics;
import io.invitehub.application.distributors.view.DistributorSummary;
import io.invitehub.application.distributors.view.MemberView;
import io.invitehub.application.distributors.view.PeriodCounts;
import io.invitehub.application.distributors.view.PlanRanking;
import io.invitehub.application.distributors.view.SaleView;
import io.invitehub.application.distributors.view.TrendDay;
import io.invitehub.domain.team.TeamId;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.invitehub.adapter.in.http.wire.Amounts.text;

/** Response bodies of the distributor read side (snake_case on the wire), each with one factory from the query's answer. */
final class ReadSideResponses {
    private ReadSideResponses() {
    }

    record Period(long redeemed, long invited, long accepted, long removed) {
        static Period of(PeriodCounts counts) {
            return new Period(counts.redeemed(), counts.invited(), counts.accepted(), counts.removed());
        }
    }

    record Summary(long distributorId, LocalDate businessDay, String timeZone, long totalCodes, long activeCodes,
                   long depletedCodes, long expiredCodes, long inactiveCodes, long redeemAttempts, long invitesSentSuccess,
                   long invitesAccepted, long membersActive, long membersRemoved, String unitPrice, String totalRevenueEstimate,
                   String currency, Period today, Period thisWeek, Period thisMonth) {
        static Summary of(DistributorSummary s) {
            return new Summary(s.distributorId().value(), s.businessDay(), s.timeZone().getId(), s.totalCodes(), s.activeCodes(),
                    s.depletedCodes(), s.expiredCodes(), s.inactiveCodes(), s.redeemAttempts(), s.invitesSentSuccess(),
                    s.invitesAccepted(), s.membersActive(), s.membersRemoved(), text(s.unitPrice()),
                    text(s.totalRevenueEstimate()), s.totalRevenueEstimate().currency().getCurrencyCode(), Period.of(s.today()),
                    Period.of(s.thisWeek()), Period.of(s.thisMonth()));
        }
    }

    record Sale(long id, String code, String email, String teamName, String status, Instant createdAt, Instant acceptedAt) {
        static Sale of(SaleView s) {
            return new Sale(s.id().value(), s.code().display(), s.email().value(), s.teamName().orElse(null), s.status().name(),
                    s.createdAt(), s.acceptedAt().orElse(null));
        }
    }

    record Member(long id, String email, Long teamId, String teamName, String redeemCode, Instant joinedAt, String status,
                  boolean ended, Instant createdAt) {
        static Member of(MemberView m) {
            return new Member(m.id().value(), m.email().value(), m.teamId().map(TeamId::value).orElse(null),
                    m.teamName().orElse(null), m.redeemCode().display(), m.joinedAt().orElse(null), m.status().name(), m.ended(),
                    m.createdAt());
        }
    }

    record Trend(LocalDate date, long redeemed, long invited, long accepted, long removed) {
        static Trend of(TrendDay d) {
            return new Trend(d.date(), d.redeemed(), d.invited(), d.accepted(), d.removed());
        }
    }

    record Plan(long planId, String planName, long codesBought, long codesRedeemed, long membersAccepted) {
        static Plan of(PlanRanking p) {
            return new Plan(p.planId(), p.planName(), p.codesBought(), p.codesRedeemed(), p.membersAccepted());
        }
    }

    record Overview(long id, String username, String approval, Summary summary) {
        static Overview of(DistributorOverview o) {
            return new Overview(o.id().value(), o.username(), o.approval().map(Enum::name).orElse(null), Summary.of(o.summary()));
        }
    }

    record Detail(long id, String username, String email, String role, String approval, Summary summary) {
        static Detail of(DistributorDetail d) {
            Account a = Account.of(d.account());
            return new Detail(a.id(), a.username(), a.email(), a.role(), a.approval(), Summary.of(d.summary()));
        }
    }

    record Analytics(LocalDate businessDay, long distributors, Map<String, Long> byApproval, long totalCodes, long activeCodes,
                     long depletedCodes, long expiredCodes, long inactiveCodes, long redeemAttempts, long invitesSentSuccess,
                     long invitesAccepted, long membersActive, long membersRemoved, String totalRevenueEstimate, String unitPrice,
                     String currency, Period today, Period thisWeek, Period thisMonth) {
        static Analytics of(PlatformAnalytics a) {
            Map<String, Long> byApproval = new LinkedHashMap<>();
            a.byApproval().forEach((approval, count) -> byApproval.put(approval.name(), count));
            return new Analytics(a.businessDay(), a.distributors(), byApproval, a.totalCodes(), a.activeCodes(), a.depletedCodes(),
                    a.expiredCodes(), a.inactiveCodes(), a.redeemAttempts(), a.invitesSentSuccess(), a.invitesAccepted(),
                    a.membersActive(), a.membersRemoved(), text(a.totalRevenueEstimate()), text(a.defaultUnitPrice()),
                    a.totalRevenueEstimate().currency().getCurrencyCode(), Period.of(a.today()), Period.of(a.thisWeek()),
                    Period.of(a.thisMonth()));
        }
    }
}
