package io.invitehub.library;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The BOM has no parent (so it manages nothing but InviteHub and its runtime libraries): its versions are
 * written twice, and this keeps them equal to the ones the build tests with.
 */
class LibraryBomTest {
    private static final Pattern PROPERTY = Pattern.compile("<([a-z0-9.-]+\\.version)>([^<]+)</\\1>");

    @Test
    void theBomPinsTheVersionsTheBuildTestsWith() throws IOException {
        Map<String, String> bom = properties(Path.of("../bom/pom.xml"));
        Map<String, String> parent = properties(Path.of("../pom.xml"));

        assertThat(bom).as("the BOM pins the runtime libraries").containsKeys("jooq.version", "postgresql.version", "flyway.version",
                "hikaricp.version", "slf4j.version");
        bom.forEach((name, version) -> assertThat(version).as(name + " in bom/pom.xml equals the parent's").isEqualTo(parent.get(name)));
        String bomText = Files.readString(Path.of("../bom/pom.xml"));
        assertThat(bomText).contains("<artifactId>invitehub-library</artifactId>")
                .contains("<version>" + parentVersion() + "</version>");
    }

    private static String parentVersion() throws IOException {
        Matcher m = Pattern.compile("<artifactId>invitehub-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("../pom.xml")));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static Map<String, String> properties(Path pom) throws IOException {
        Map<String, String> found = new LinkedHashMap<>();
        Matcher m = PROPERTY.matcher(Files.readString(pom));
        while (m.find()) {
            found.put(m.group(1), m.group(2));
        }
        return found;
    }
}
