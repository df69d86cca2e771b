package io.invitehub.application.fakes;

import io.invitehub.application.shared.port.out.CodeGenerator;
import io.invitehub.domain.code.Code;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Returns the given codes in order (repeat one to force a collision); fails when they run out. */
public final class SequenceCodeGenerator implements CodeGenerator {
    private final Deque<Code> codes;
    private int handedOut;

    public SequenceCodeGenerator(List<Code> codes) {
        this.codes = new ArrayDeque<>(codes);
    }

    public SequenceCodeGenerator(Code... codes) {
        this(List.of(codes));
    }

    @Override
    public synchronized Code next() {
        if (codes.isEmpty()) {
            throw new IllegalStateException("SequenceCodeGenerator ran out of codes after " + handedOut);
        }
        handedOut++;
        return codes.removeFirst();
    }

    public synchronized int handedOut() {
        return handedOut;
    }

    public synchronized int remaining() {
        return codes.size();
    }
}
