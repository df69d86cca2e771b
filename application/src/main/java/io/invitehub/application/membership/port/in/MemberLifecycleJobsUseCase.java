package io.invitehub.application.membership.port.in;

/**
 * The background steps of the member lifecycle (SPEC section 6), each one batch, idempotent, safe to run
 * on several nodes at once (claims with SKIP LOCKED). Each returns how many invitations it took.
 */
public interface MemberLifecycleJobsUseCase {
    /** INVITED longer than the invite timeout: cancel at the provider → CANCELLED, seat and use given back. */
    int cancelUnaccepted();

    /** INVITED or JOINED whose membership ended or whose code is disabled: remove at the provider → EXPIRED, seat released. */
    int expireMembers();

    /** Rebinds whose new invitation was sent: remove the member from the old team → REBOUND; failed ones released. */
    int settleRebinds();

    /** REMOVING claims that are due (retries after backoff, claims whose process died): finish or return them. */
    int resumeRemovals();
}
