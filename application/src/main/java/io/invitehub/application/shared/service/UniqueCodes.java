package io.invitehub.application.shared.service;

import io.invitehub.application.shared.port.out.CodeGenerator;
import io.invitehub.application.shared.port.out.RedeemCodes;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.order.OrderId;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * New codes that do not exist yet, for staff issuing (codes) and order fulfilment (shop): candidates from
 * the generator, bulk insert {@code ON CONFLICT DO NOTHING}, and only the ones that collided drawn again,
 * for at most {@value #MAX_ROUNDS} rounds. Runs in the caller's transaction.
 */
public final class UniqueCodes {
    public static final int MAX_ROUNDS = 10;

    private final RedeemCodes codes;
    private final CodeGenerator generator;

    public UniqueCodes(RedeemCodes codes, CodeGenerator generator) {
        this.codes = codes;
        this.generator = generator;
    }

    /** Inserts {@code count} new codes on {@code terms}, linked to {@code order} when given; CONFLICT when the rounds run out. */
    public List<Code> insert(int count, CodeTerms terms, Optional<OrderId> order, Instant now) {
        List<Code> issued = new ArrayList<>(count);
        for (int round = 0; round < MAX_ROUNDS && issued.size() < count; round++) {
            Set<Code> candidates = new LinkedHashSet<>();
            while (candidates.size() < count - issued.size()) {
                candidates.add(generator.next());
            }
            issued.addAll(codes.insertNew(candidates, terms, order, now));
        }
        if (issued.size() < count) {
            throw new DomainException(ErrorCode.CONFLICT, "could not generate enough unique codes; use a longer code length");
        }
        return issued;
    }
}
