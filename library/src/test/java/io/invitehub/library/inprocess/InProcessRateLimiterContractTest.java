package io.invitehub.library.inprocess;

import io.invitehub.application.contract.AbstractRateLimiterContract;
import io.invitehub.application.fakes.MutableClock;
import io.invitehub.application.shared.port.out.RateLimiter;

/** The RateLimiter contract on the in-process limiter (one node: the other node is the same instance). */
class InProcessRateLimiterContractTest extends AbstractRateLimiterContract {
    private RateLimiter limiter;

    @Override
    protected RateLimiter newLimiter(MutableClock clock) {
        limiter = new InProcessRateLimiter(clock);
        return limiter;
    }

    @Override
    protected RateLimiter sameStateOtherNode(MutableClock clock) {
        return limiter;
    }
}
