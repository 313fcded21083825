package io.typedipc.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.maven.model.Model;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check goal with a baseline given as a jar's path, and its refusals; resolution by coordinates and the goal's
 * place in a real build are the invoker projects' (integration-tests/src/it/compat-*).
 */
class CheckMojoTest {
    @TempDir
    Path temp;

    private static String manifest(String... ids) {
        StringBuilder channels = new StringBuilder();
        for (String id : ids) {
            channels.append(channels.length() == 0 ? "" : ",").append("{\"id\": \"").append(id).append("\","
                    + " \"method\": \"m\", \"kind\": \"ONE_WAY\", \"parameters\": [], \"result\": null, \"errors\": [],"
                    + " \"deadlineMillis\": 0}");
        }
        return "{\"format\": 2, \"interface\": \"a.Api\", \"channels\": [" + channels + "], \"types\": {}}";
    }

    private int projects;

    /** A project of its own (a folder under {@code temp}) with the baseline jar {@code api-1.0.jar} in it. */
    private CheckMojo mojo(String baseline, boolean allowBreaking, String... currentIds) throws Exception {
        Path dir = Files.createDirectories(temp.resolve("project" + ++projects));
        Path classes = dir.resolve("target/classes");
        if (currentIds.length > 0) {
            Files.createDirectories(classes.resolve("META-INF/typed-ipc"));
            Files.writeString(classes.resolve("META-INF/typed-ipc/a.Api.json"), manifest(currentIds));
        }
        Path jar = dir.resolve("api-1.0.jar");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            zip.putNextEntry(new ZipEntry("META-INF/typed-ipc/a.Api.json"));
            zip.write(manifest("a:ping", "a:pong").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        Model model = new Model();
        model.setGroupId("g");
        model.setArtifactId("api");
        model.setVersion("2.0");
        MavenProject project = new MavenProject(model);
        project.setFile(dir.resolve("pom.xml").toFile());
        project.getBuild().setOutputDirectory(classes.toString());
        CheckMojo mojo = new CheckMojo(null);
        set(mojo, "project", project);
        set(mojo, "remoteRepositories", List.of());
        set(mojo, "baseline", baseline);
        set(mojo, "allowBreaking", allowBreaking);
        return mojo;
    }

    private static void set(Object target, String name, Object value) throws ReflectiveOperationException {
        Field field = target.getClass().getDeclaredField(name);
        field.setAccessible(true);
        field.set(target, value);
    }

    @Test
    void failsOnABreakingChangeAgainstAJarAndNamesTheChannel() throws Exception {
        MojoFailureException e = assertThrows(MojoFailureException.class,
                () -> mojo("api-1.0.jar", false, "a:ping").execute());
        assertTrue(e.getMessage().startsWith("1 difference(s) from api-1.0.jar, 1 breaking; first: a:pong: channel"
                + " removed (was a.Api.m): BREAKING: "), e.getMessage());
        assertTrue(e.getMessage().endsWith("set -Dtypedipc.allowBreaking=true"), e.getMessage());
    }

    @Test
    void passesWhenBreakingIsAllowedOrNothingBreaks() throws Exception {
        mojo("api-1.0.jar", true, "a:ping").execute();
        mojo("api-1.0.jar", false, "a:ping", "a:pong", "a:new").execute();
    }

    @Test
    void saysWhatIsMissing() throws Exception {
        MojoExecutionException none = assertThrows(MojoExecutionException.class, () -> mojo(null, false, "a:ping").execute());
        assertEquals("typed-ipc:check needs a baseline to compare with: set <baseline> in the plugin's configuration or"
                + " -Dtypedipc.baseline=groupId:artifactId:version (or a jar's path)", none.getMessage());
        MojoExecutionException notCompiled = assertThrows(MojoExecutionException.class,
                () -> mojo("api-1.0.jar", false).execute());
        assertTrue(notCompiled.getMessage().endsWith("target/classes does not exist: typed-ipc:check compares the"
                + " compiled channels, so run it after compiling (mvn verify, or mvn compile typed-ipc:check)"),
                notCompiled.getMessage());
    }
}
