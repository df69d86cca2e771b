package io.invitehub.bootstrap.architecture;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The house rules of STYLE.md, checked on the production classes of every module. Maven's enforcer
 * checks the module dependencies first; these rules check the code itself.
 */
@AnalyzeClasses(packages = "io.invitehub", importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.NoTestJars.class})
class ArchitectureTest {
    /** Test fakes and contracts reach other modules as {@code *-tests.jar}; the rules are about production code. */
    public static final class NoTestJars implements ImportOption {
        @Override
        public boolean includes(com.tngtech.archunit.core.importer.Location location) {
            return !location.contains("-tests.jar");
        }
    }

    private static final String DOMAIN = "io.invitehub.domain..";
    private static final String APPLICATION = "io.invitehub.application..";
    private static final String PERSISTENCE = "io.invitehub.adapter.out.persistence..";
    private static final String HTTP = "io.invitehub.adapter.in.http..";
    private static final String REDIS = "io.invitehub.adapter.out.redis..";
    private static final String CHATGPT = "io.invitehub.adapter.out.provider.chatgpt..";
    private static final String EPAY = "io.invitehub.adapter.out.payment.epay..";
    private static final String ADAPTERS = "io.invitehub.adapter..";
    /** The embedding entry point's own package (not its sub-packages). */
    private static final String LIBRARY = "io.invitehub.library";
    private static final String GENERATED = "io.invitehub.adapter.out.persistence.generated..";
    private static final String PORT_IN = "io.invitehub.application..port.in..";
    private static final String PORT_OUT = "io.invitehub.application..port.out..";
    private static final String INBOUND_ADAPTERS = "io.invitehub.adapter.in..";
    /** The HTTP server's own package: HttpApi, the route table, access levels, problem details. */
    private static final String HTTP_SERVER = "io.invitehub.adapter.in.http";
    /** The handlers, one package per feature, and the request-parsing leaf ({@code wire}). */
    private static final String HTTP_FEATURES = "io.invitehub.adapter.in.http.*..";
    private static final String HTTP_WIRE = "io.invitehub.adapter.in.http.wire..";

    @ArchTest
    static final ArchRule domainDependsOnTheJdkOnly = classes().that().resideInAPackage(DOMAIN)
            .should().onlyDependOnClassesThat().resideInAnyPackage(DOMAIN, "java..");

    @ArchTest
    static final ArchRule applicationDependsOnDomainAndJdkOnly = classes().that().resideInAPackage(APPLICATION)
            .should().onlyDependOnClassesThat().resideInAnyPackage(APPLICATION, DOMAIN, "java..");

    @ArchTest
    static final ArchRule coreNeverReachesOutward = noClasses().that().resideInAnyPackage(DOMAIN, APPLICATION)
            .should().dependOnClassesThat().resideInAnyPackage(ADAPTERS, "io.invitehub.library..", "io.invitehub.bootstrap..");

    @ArchTest
    static final ArchRule adaptersAreIndependent = slices().matching("io.invitehub.adapter.(*).(*)..")
            .should().notDependOnEachOther();

    @ArchTest
    static final ArchRule adaptersDoNotKnowBootstrap = noClasses().that().resideInAPackage(ADAPTERS)
            .should().dependOnClassesThat().resideInAnyPackage("io.invitehub.library..", "io.invitehub.bootstrap..");

    /** The library (ADR 38) is what embedders get: it never reaches the service (bootstrap) nor the HTTP or Redis adapters. */
    @ArchTest
    static final ArchRule libraryDoesNotKnowTheService = noClasses().that().resideInAPackage("io.invitehub.library..")
            .should().dependOnClassesThat().resideInAnyPackage("io.invitehub.bootstrap..", HTTP, REDIS);

    @ArchTest
    static final ArchRule jooqAndJdbcOnlyInPersistence = noClasses().that().resideOutsideOfPackage(PERSISTENCE)
            .should().dependOnClassesThat().resideInAnyPackage("org.jooq..", "java.sql..", "com.zaxxer..", "org.flywaydb..")
            .as("jOOQ, JDBC, HikariCP and Flyway are used only in the persistence adapter");

    /** The embedding entry point takes the caller's DataSource and hands it to the persistence adapter (ADR 38); nothing else names it. */
    @ArchTest
    static final ArchRule dataSourcesOnlyInPersistenceAndTheLibraryEntryPoint = noClasses().that().resideOutsideOfPackages(PERSISTENCE, LIBRARY)
            .should().dependOnClassesThat().resideInAnyPackage("javax.sql..")
            .as("javax.sql is used only in the persistence adapter and the library's entry point (io.invitehub.library)");

    @ArchTest
    static final ArchRule javalinOnlyInHttp = noClasses().that().resideOutsideOfPackage(HTTP)
            .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.eclipse.jetty..")
            .as("Javalin and Jetty are used only in the HTTP adapter");

    /** JSON bodies: the HTTP adapter's own, the ChatGPT API's in its provider adapter (ADR 15), the e-pay order query's (ADR 45). */
    @ArchTest
    static final ArchRule jacksonOnlyInHttpAndTheChatGptAdapter = noClasses().that().resideOutsideOfPackages(HTTP, CHATGPT, EPAY)
            .should().dependOnClassesThat().resideInAnyPackage("com.fasterxml.jackson..")
            .as("Jackson is used only in the HTTP adapter, the ChatGPT provider adapter and the e-pay adapter's order query");

    /** {@link #adaptersAreIndependent} sees all providers as one slice (adapter.out.provider); keep them apart too. */
    @ArchTest
    static final ArchRule providerAdaptersAreIndependent = slices().matching("io.invitehub.adapter.out.provider.(*)..")
            .should().notDependOnEachOther();

    /** Metrics (ADR 39): Micrometer is the service's, wired in bootstrap's metrics package; the core and the adapters never see it. */
    @ArchTest
    static final ArchRule micrometerOnlyInTheServiceMetrics = noClasses().that().resideOutsideOfPackage("io.invitehub.bootstrap.metrics..")
            .should().dependOnClassesThat().resideInAnyPackage("io.micrometer..", "io.prometheus..")
            .as("Micrometer is used only in io.invitehub.bootstrap.metrics");

    @ArchTest
    static final ArchRule jedisOnlyInRedis = noClasses().that().resideOutsideOfPackage(REDIS)
            .should().dependOnClassesThat().resideInAnyPackage("redis.clients..");

    @ArchTest
    static final ArchRule generatedJooqStaysInside = noClasses().that().resideOutsideOfPackage(PERSISTENCE)
            .should().dependOnClassesThat().resideInAPackage("io.invitehub.adapter.out.persistence.generated..");

    @ArchTest
    static final ArchRule noClockOrRandomnessInCore = noClasses().that().resideInAnyPackage(DOMAIN, APPLICATION)
            .should().callMethod(Instant.class, "now")
            .orShould().callMethod(UUID.class, "randomUUID")
            .orShould().callMethod(System.class, "currentTimeMillis")
            .orShould().callMethod(java.time.LocalDateTime.class, "now")
            .orShould().callMethod(java.time.OffsetDateTime.class, "now")
            .orShould().dependOnClassesThat().areAssignableTo(java.util.Random.class)
            .as("time and randomness come into the core through ports (Clock, CodeGenerator), never from statics");

    @ArchTest
    static final ArchRule noGrabBagNames = noClasses().that().resideInAPackage("io.invitehub..")
            .should().haveSimpleNameEndingWith("Impl")
            .orShould().haveSimpleNameEndingWith("Util")
            .orShould().haveSimpleNameEndingWith("Utils")
            .orShould().haveSimpleNameEndingWith("Helper")
            .orShould().haveSimpleNameEndingWith("Manager");

    /** jOOQ's generated schema and table classes refer to each other by design; only that is exempt. */
    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("io.invitehub.(**)").should().beFreeOfCycles()
            .ignoreDependency(resideInAPackage(GENERATED), resideInAPackage(GENERATED));

    @ArchTest
    static final ArchRule portsAreInterfaces = classes().that().resideInAPackage(PORT_IN)
            .and().haveSimpleNameEndingWith("UseCase")
            .should().beInterfaces();

    /** A use case speaks in commands, results and views; the stores behind it stay hidden from its callers. */
    @ArchTest
    static final ArchRule inPortsDoNotExposeOutPorts = noClasses().that().resideInAPackage(PORT_IN)
            .should().dependOnClassesThat().resideInAPackage(PORT_OUT)
            .as("port.in does not depend on port.out");

    @ArchTest
    static final ArchRule inboundAdaptersUseInPortsOnly = noClasses().that().resideInAPackage(INBOUND_ADAPTERS)
            .should().dependOnClassesThat().resideInAPackage(PORT_OUT)
            .as("inbound adapters do not depend on port.out");

    /**
     * {@code io.invitehub.application.<feature>..}: a feature reaches another feature only through that
     * feature's {@code port.in} (and the {@code view} records its use cases return); {@code shared} is
     * free for every feature and depends on no feature itself.
     */
    @ArchTest
    static final ArchRule featuresMeetThroughInPorts = classes().that().resideInAPackage(APPLICATION)
            .should(new FeatureBoundaries())
            .as("a feature depends on another feature only through its port.in (or view), on shared freely");
    /** The HTTP split (ADR 25): handlers and the parsing leaf never call back into the server, the route table or the access guard. */
    @ArchTest
    static final ArchRule httpHandlersDoNotKnowTheServer = noClasses().that().resideInAPackage(HTTP_FEATURES)
            .should().dependOnClassesThat().resideInAPackage(HTTP_SERVER)
            .as("HTTP handlers (io.invitehub.adapter.in.http.<feature>) do not depend on the server package (HttpApi, RouteTable, Access)");

    /** {@code wire.HttpRequests} and its neighbours are a leaf every handler uses: they use no handler in turn. */
    @ArchTest
    static final ArchRule httpRequestParsingIsALeaf = noClasses().that().resideInAPackage(HTTP_WIRE)
            .should().dependOnClassesThat(resideInAPackage(HTTP).and(not(resideInAPackage(HTTP_WIRE))))
            .as("the request-parsing leaf (io.invitehub.adapter.in.http.wire) depends on nothing else of the HTTP adapter");

    /**
     * Every input passes its route's request shape (ADR 33): outside the {@code wire} leaf nothing reads a
     * parameter or a body off Javalin's Context; handlers ask {@code HttpRequests}, which hands out only what the shape declares.
     */
    @ArchTest
    static final ArchRule requestInputsAreReadThroughTheWire = noClasses().that().resideInAPackage(HTTP)
            .and().resideOutsideOfPackage(HTTP_WIRE)
            .should().callMethodWhere(target(owner(assignableTo(io.javalin.http.Context.class)))
                    .and(target(nameMatching("(query|path|form)Param.*|(query|form)Params|body.*|uploadedFile.*|multipart.*"))))
            .as("only io.invitehub.adapter.in.http.wire reads request parameters and bodies off the Javalin Context");

    /** The HTTP adapter drives the application through its in-ports (and the views they return), never a service or an out-port. */
    @ArchTest
    static final ArchRule httpUsesOnlyInPorts = noClasses().that().resideInAPackage(HTTP)
            .should().dependOnClassesThat().resideInAnyPackage("io.invitehub.application..service..", "io.invitehub.application..port.out..")
            .as("the HTTP adapter depends on no application service and no out-port (in-ports and views only)");

    /** Wiring per feature (ADR 25): application services are built in the bootstrap's feature assemblies and nowhere else. */
    @ArchTest
    static final ArchRule servicesAreBuiltInTheAssemblies = noClasses().that()
            .resideOutsideOfPackages("io.invitehub.library.assembly..", APPLICATION)
            .should().callConstructorWhere(target(owner(resideInAPackage("io.invitehub.application..service.."))))
            .as("application services are constructed only in io.invitehub.library.assembly");

    /** The canaries: the registered rules themselves must fail on a class that breaks them, or they prove nothing. */
    @Test
    void theRealCoreRulesCatchACanaryInTheDomain() {
        JavaClasses canary = new ClassFileImporter().importClasses(io.invitehub.domain.canary.CanaryBreaksTheCoreRules.class);
        assertThat(domainDependsOnTheJdkOnly.evaluate(canary).hasViolation()).isTrue();
        assertThat(noClockOrRandomnessInCore.evaluate(canary).hasViolation()).isTrue();
        assertThat(coreNeverReachesOutward.evaluate(canary).hasViolation()).isTrue();
    }

    @Test
    void theRealHttpRulesCatchACanaryInTheParsingLeaf() {
        JavaClasses canary = new ClassFileImporter().importClasses(
                io.invitehub.adapter.in.http.wire.canary.CanaryParsingCallsBack.class);
        assertThat(httpHandlersDoNotKnowTheServer.evaluate(canary).hasViolation()).isTrue();
        assertThat(httpRequestParsingIsALeaf.evaluate(canary).hasViolation()).isTrue();
        assertThat(httpUsesOnlyInPorts.evaluate(canary).hasViolation()).isTrue();
    }

    @Test
    void theInputRuleCatchesAHandlerReadingTheRequestItself() {
        JavaClasses canary = new ClassFileImporter().importClasses(io.invitehub.adapter.in.http.canary.CanaryReadsTheRequestItself.class);
        assertThat(requestInputsAreReadThroughTheWire.evaluate(canary).hasViolation()).isTrue();
    }

    @Test
    void theWiringRuleCatchesAServiceBuiltOutsideTheAssemblies() {
        JavaClasses canary = new ClassFileImporter().importClasses(io.invitehub.bootstrap.canary.CanaryWiresOutsideTheAssemblies.class);
        assertThat(servicesAreBuiltInTheAssemblies.evaluate(canary).hasViolation()).isTrue();
        JavaClasses hub = new ClassFileImporter().importClasses(io.invitehub.bootstrap.InviteHub.class);
        assertThat(servicesAreBuiltInTheAssemblies.evaluate(hub).hasViolation()).isFalse();
    }

    @Test
    void theRealHttpRulesPassAHandlerThatKeepsThem() {
        JavaClasses handler = new ClassFileImporter().importClasses(io.invitehub.adapter.in.http.teams.TeamHandlers.class,
                io.invitehub.adapter.in.http.wire.HttpRequests.class);
        assertThat(httpHandlersDoNotKnowTheServer.evaluate(handler).hasViolation()).isFalse();
        assertThat(httpRequestParsingIsALeaf.evaluate(handler).hasViolation()).isFalse();
        assertThat(httpUsesOnlyInPorts.evaluate(handler).hasViolation()).isFalse();
        assertThat(requestInputsAreReadThroughTheWire.evaluate(handler).hasViolation()).isFalse();
    }

    @Test
    void theRealRulesPassAClassThatKeepsThem() {
        JavaClasses clean = new ClassFileImporter().importClasses(io.invitehub.domain.shared.Money.class);
        assertThat(domainDependsOnTheJdkOnly.evaluate(clean).hasViolation()).isFalse();
        assertThat(noClockOrRandomnessInCore.evaluate(clean).hasViolation()).isFalse();
    }

    @Test
    void theFeatureRulesCatchTheirCanaries() {
        JavaClasses inPort = new ClassFileImporter().importClasses(
                io.invitehub.application.canary.port.in.CanaryInPortNamesAnOutPort.class);
        assertThat(inPortsDoNotExposeOutPorts.evaluate(inPort).hasViolation()).isTrue();

        JavaClasses adapter = new ClassFileImporter().importClasses(
                io.invitehub.adapter.in.canary.CanaryInboundAdapterNamesAnOutPort.class);
        assertThat(inboundAdaptersUseInPortsOnly.evaluate(adapter).hasViolation()).isTrue();

        JavaClasses feature = new ClassFileImporter().importClasses(
                io.invitehub.application.canary.service.CanaryReachesIntoAnotherFeature.class);
        assertThat(featuresMeetThroughInPorts.evaluate(feature).hasViolation()).isTrue();

        JavaClasses shared = new ClassFileImporter().importClasses(
                io.invitehub.application.shared.canary.CanarySharedNamesAFeature.class);
        assertThat(featuresMeetThroughInPorts.evaluate(shared).hasViolation()).isTrue();
    }

    @Test
    void theFeatureRulesPassClassesThatKeepThem() {
        // a service that implements its own in-port, uses shared stores and another feature's in-port
        JavaClasses clean = new ClassFileImporter().importClasses(
                io.invitehub.application.membership.service.ReinviteService.class,
                io.invitehub.application.redemption.port.in.RedeemCodeUseCase.class,
                io.invitehub.adapter.in.http.HttpApi.class);
        assertThat(inPortsDoNotExposeOutPorts.evaluate(clean).hasViolation()).isFalse();
        assertThat(inboundAdaptersUseInPortsOnly.evaluate(clean).hasViolation()).isFalse();
        assertThat(featuresMeetThroughInPorts.evaluate(clean).hasViolation()).isFalse();
    }

    /**
     * The condition of {@link #featuresMeetThroughInPorts}: the feature of a class is the package segment
     * after {@code io.invitehub.application.}; {@code shared} is reachable from every feature and reaches none.
     */
    static final class FeatureBoundaries extends ArchCondition<JavaClass> {
        private static final String ROOT = "io.invitehub.application.";
        private static final String SHARED = "shared";

        FeatureBoundaries() {
            super("depend on another feature only through its port.in or view, on shared freely");
        }

        @Override
        public void check(JavaClass item, ConditionEvents events) {
            String from = feature(item.getPackageName());
            if (from == null) {
                return;
            }
            for (Dependency dependency : item.getDirectDependenciesFromSelf()) {
                String target = dependency.getTargetClass().getBaseComponentType().getPackageName();
                String to = feature(target);
                if (to == null || to.equals(from) || to.equals(SHARED)) {
                    continue;
                }
                boolean throughItsInPort = target.startsWith(ROOT + to + ".port.in") || target.startsWith(ROOT + to + ".view");
                if (from.equals(SHARED) || !throughItsInPort) {
                    events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                }
            }
        }

        private static String feature(String packageName) {
            if (!packageName.startsWith(ROOT)) {
                return null;
            }
            String rest = packageName.substring(ROOT.length());
            int dot = rest.indexOf('.');
            return dot < 0 ? rest : rest.substring(0, dot);
        }
    }
}
