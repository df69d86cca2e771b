package io.invitehub.bench;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.invitehub.bootstrap.canary.CanaryReachesTheBench;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bench stays out of the service (ADR 25): no service class depends on it, the service jar holds
 * none of its classes, and inside the bench only the dataset seeder speaks SQL. The rules run on the
 * production classes of every module (this module sees them all); a canary proves they can fail.
 */
@AnalyzeClasses(packages = "io.invitehub", importOptions = {ImportOption.DoNotIncludeTests.class, BenchArchitectureTest.NoTestJars.class})
class BenchArchitectureTest {
    /** Other modules reach this one as their jars (or class folders); their test jars are not production code. */
    public static final class NoTestJars implements ImportOption {
        @Override
        public boolean includes(com.tngtech.archunit.core.importer.Location location) {
            return !location.contains("-tests.jar");
        }
    }

    private static final String BENCH = "io.invitehub.bench..";
    /** The service jar, built by the bootstrap module before this one in the reactor. */
    private static final Path SERVICE_JAR = Path.of("../bootstrap/target/invitehub.jar");

    @ArchTest
    static final ArchRule theServiceDoesNotKnowTheBench = noClasses().that().resideOutsideOfPackage(BENCH)
            .should().dependOnClassesThat().resideInAPackage(BENCH)
            .as("no service class depends on the bench");

    @ArchTest
    static final ArchRule onlyTheDatasetSeederSpeaksSql = noClasses().that().resideInAPackage(BENCH)
            .and().resideOutsideOfPackage("io.invitehub.bench.dataset..")
            .should().dependOnClassesThat().resideInAnyPackage("org.jooq..", "java.sql..", "javax.sql..")
            .as("in the bench only io.invitehub.bench.dataset uses jOOQ or JDBC");

    @ArchTest
    static final ArchRule sqlOutsideTheBenchOnlyInPersistence = noClasses().that().resideOutsideOfPackages(
                    "io.invitehub.adapter.out.persistence..", "io.invitehub.bench.dataset..")
            .should().dependOnClassesThat().resideInAnyPackage("org.jooq..", "java.sql..")
            .as("jOOQ and JDBC: the persistence adapter and the bench's dataset seeder only");

    /** The library's entry point takes an embedding service's DataSource and passes it on (ADR 38). */
    @ArchTest
    static final ArchRule dataSourcesOnlyInPersistenceTheSeederAndTheLibraryEntryPoint = noClasses().that().resideOutsideOfPackages(
                    "io.invitehub.adapter.out.persistence..", "io.invitehub.bench.dataset..", "io.invitehub.library")
            .should().dependOnClassesThat().resideInAnyPackage("javax.sql..")
            .as("javax.sql: the persistence adapter, the bench's dataset seeder and the library's entry point only");

    @Test
    void theRulesCatchACanary() {
        JavaClasses canary = new ClassFileImporter().importClasses(CanaryReachesTheBench.class);
        assertThat(theServiceDoesNotKnowTheBench.evaluate(canary).hasViolation()).isTrue();
        assertThat(sqlOutsideTheBenchOnlyInPersistence.evaluate(canary).hasViolation()).isTrue();
        JavaClasses benchWithSql = new ClassFileImporter().importClasses(Bench.class, io.invitehub.bench.dataset.DatasetSeeder.class);
        assertThat(onlyTheDatasetSeederSpeaksSql.evaluate(benchWithSql).hasViolation()).isFalse();
    }

    @Test
    void theServiceJarHoldsNoBenchClass() throws IOException {
        Assumptions.assumeTrue(Files.exists(SERVICE_JAR),
                "the service jar is built in the package phase of the bootstrap module (./mvnw verify builds it before this test)");
        try (JarFile jar = new JarFile(SERVICE_JAR.toFile())) {
            List<String> names = jar.stream().map(e -> e.getName()).collect(Collectors.toList());
            assertThat(names).as("the service jar").contains("io/invitehub/bootstrap/cli/Main.class")
                    .noneMatch(name -> name.startsWith("io/invitehub/bench/"))
                    .noneMatch(name -> name.contains("DatasetSeeder"))
                    .noneMatch(name -> name.startsWith("io/invitehub/bootstrap/bench/"))
                    // bench --nodes starts the nodes' Redis from the bench jar (ADR 66); the service never embeds one
                    .noneMatch(name -> name.startsWith("redis/embedded/") || name.startsWith("redis-server-"));
        }
    }
}
