package io.invitehub.application.fakes;

import io.invitehub.application.accounts.port.out.VerificationCodeGenerator;

import java.util.concurrent.atomic.AtomicInteger;

/** Predictable six-digit codes: 100001, 100002, … */
public final class SequenceVerificationCodes implements VerificationCodeGenerator {
    private final AtomicInteger next = new AtomicInteger(100_001);

    @Override
    public String sixDigits() {
        return Integer.toString(next.getAndIncrement());
    }
}
