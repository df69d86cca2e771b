package io.invitehub.application.distributors.view;

import java.time.LocalDate;

/** One business day of a distributor's sales trend; days without events are zero rows. */
public record TrendDay(LocalDate date, long redeemed, long invited, long accepted, long removed) {
}
