package io.typedipc.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The baseline given as a path, and a value that is neither a path nor coordinates (resolution: the invoker ITs). */
class BaselineResolverTest {
    @TempDir
    Path project;

    @Test
    void aPathRelativeToTheProjectIsUsedAsIs() throws Exception {
        Files.createDirectories(project.resolve("baselines"));
        Files.write(project.resolve("baselines/api-1.0.jar"), new byte[0]);
        BaselineResolver.Baseline baseline = new BaselineResolver(null, null, List.of())
                .resolve("baselines/api-1.0.jar", project.toFile());
        assertEquals(project.resolve("baselines/api-1.0.jar"), baseline.location());
        assertEquals("baselines/api-1.0.jar", baseline.name());
    }

    @Test
    void neitherAFileNorCoordinates() {
        MojoExecutionException e = assertThrows(MojoExecutionException.class,
                () -> new BaselineResolver(null, null, List.of()).resolve("missing.jar", project.toFile()));
        assertEquals("baseline \"missing.jar\" is neither an existing file nor groupId:artifactId:version", e.getMessage());
    }
}
