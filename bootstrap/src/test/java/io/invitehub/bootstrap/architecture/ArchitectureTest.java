package io.invitehub.bootstrap.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
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
    private static final String ADAPTERS = "io.invitehub.adapter..";
    private static final String GENERATED = "io.invitehub.adapter.out.persistence.generated..";
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
            .should().dependOnClassesThat().resideInAnyPackage(ADAPTERS, "io.invitehub.bootstrap..");

    @ArchTest
    static final ArchRule adaptersAreIndependent = slices().matching("io.invitehub.adapter.(*).(*)..")
            .should().notDependOnEachOther();

    @ArchTest
    static final ArchRule adaptersDoNotKnowBootstrap = noClasses().that().resideInAPackage(ADAPTERS)
            .should().dependOnClassesThat().resideInAPackage("io.invitehub.bootstrap..");

    @ArchTest
    static final ArchRule jooqAndJdbcOnlyInPersistence = noClasses().that().resideOutsideOfPackage(PERSISTENCE)
            .should().dependOnClassesThat().resideInAnyPackage("org.jooq..", "java.sql..", "javax.sql..", "com.zaxxer..", "org.flywaydb..")
            .as("jOOQ, JDBC, HikariCP and Flyway are used only in the persistence adapter");

    @ArchTest
    static final ArchRule javalinOnlyInHttp = noClasses().that().resideOutsideOfPackage(HTTP)
            .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.eclipse.jetty..")
            .as("Javalin and Jetty are used only in the HTTP adapter");

    /** JSON bodies: the HTTP adapter's own, and the ChatGPT API's in its provider adapter (ADR 15). */
    @ArchTest
    static final ArchRule jacksonOnlyInHttpAndTheChatGptAdapter = noClasses().that().resideOutsideOfPackages(HTTP, CHATGPT)
            .should().dependOnClassesThat().resideInAnyPackage("com.fasterxml.jackson..")
            .as("Jackson is used only in the HTTP adapter and the ChatGPT provider adapter");

    /** {@link #adaptersAreIndependent} sees all providers as one slice (adapter.out.provider); keep them apart too. */
    @ArchTest
    static final ArchRule providerAdaptersAreIndependent = slices().matching("io.invitehub.adapter.out.provider.(*)..")
            .should().notDependOnEachOther();

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
    static final ArchRule portsAreInterfaces = classes().that().resideInAPackage("io.invitehub.application..port.in..")
            .and().haveSimpleNameEndingWith("UseCase")
            .should().beInterfaces();

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

    /** The HTTP adapter drives the application through its in-ports (and the views they return), never a service or an out-port. */
    @ArchTest
    static final ArchRule httpUsesOnlyInPorts = noClasses().that().resideInAPackage(HTTP)
            .should().dependOnClassesThat().resideInAnyPackage("io.invitehub.application..service..", "io.invitehub.application..port.out..")
            .as("the HTTP adapter depends on no application service and no out-port (in-ports and views only)");

    /** Wiring per feature (ADR 25): application services are built in the bootstrap's feature assemblies and nowhere else. */
    @ArchTest
    static final ArchRule servicesAreBuiltInTheAssemblies = noClasses().that()
            .resideOutsideOfPackages("io.invitehub.bootstrap.assembly..", APPLICATION)
            .should().callConstructorWhere(target(owner(resideInAPackage("io.invitehub.application..service.."))))
            .as("application services are constructed only in io.invitehub.bootstrap.assembly");

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
    }

    @Test
    void theRealRulesPassAClassThatKeepsThem() {
        JavaClasses clean = new ClassFileImporter().importClasses(io.invitehub.domain.shared.Money.class);
        assertThat(domainDependsOnTheJdkOnly.evaluate(clean).hasViolation()).isFalse();
        assertThat(noClockOrRandomnessInCore.evaluate(clean).hasViolation()).isFalse();
    }
}
