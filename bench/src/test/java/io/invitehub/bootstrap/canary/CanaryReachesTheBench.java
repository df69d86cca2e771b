package io.invitehub.bootstrap.canary;

import io.invitehub.bench.dataset.DatasetSeeder;

/**
 * Test-only: a class in a service package that reaches the bench on purpose (and uses jOOQ outside the
 * dataset seeder), so BenchArchitectureTest can show its rules catch it.
 */
public final class CanaryReachesTheBench {
    private DatasetSeeder.Dataset dataset;
    private org.jooq.DSLContext dsl;

    public boolean seeded() {
        return dataset != null && dsl != null;
    }
}
