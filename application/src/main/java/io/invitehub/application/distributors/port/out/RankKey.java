package io.invitehub.application.distributors.port.out;

/** The keyset position in the admin list of distributors ({@code sortValue DESC, id DESC}). */
public record RankKey(long sortValue, long id) {
}
