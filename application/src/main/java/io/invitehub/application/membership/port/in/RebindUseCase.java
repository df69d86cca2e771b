package io.invitehub.application.membership.port.in;

/**
 * Rebind (SPEC section 3): move a JOINED member to another ACTIVE team of the code's group, within the
 * rebind window after activation and at most {@code rebind_limit} times; takes no use. The new invitation
 * is sent first; only once it is INVITED is the member removed from the old team (the old invitation ends
 * REBOUND); if it fails, the old membership stays untouched and the rebind is given back.
 */
public interface RebindUseCase {
    RebindResult rebind(RebindCommand command);
}
