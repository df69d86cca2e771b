package io.invitehub.bootstrap.canary;

import io.invitehub.application.distributors.service.StatisticsMaintenanceService;

/**
 * Test-only: a bootstrap class outside {@code bootstrap.assembly} that builds an application service on
 * purpose, so ArchitectureTest can show that wiring outside the feature assemblies is caught.
 */
public final class CanaryWiresOutsideTheAssemblies {
    public Object wire() {
        return new StatisticsMaintenanceService(null, null, null);
    }
}
