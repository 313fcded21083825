package io.typedipc.maven;

import io.typedipc.maven.manifest.Manifest;
import io.typedipc.maven.typescript.TypeScriptException;
import io.typedipc.maven.typescript.TypeScriptGenerator;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

/**
 * Generates TypeScript for renderers written in JavaScript: reads the manifests of {@code classesDirectory} (and,
 * with {@code includeDependencies}, of the compile and runtime dependencies) and writes {@code index.ts} to
 * {@code outputDirectory}, for the {@code @typed-ipc/client} package. docs/javascript.md ("Generated TypeScript")
 * describes the file.
 */
@Mojo(name = "typescript", defaultPhase = LifecyclePhase.PROCESS_CLASSES, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME)
public final class TypeScriptMojo extends AbstractMojo {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    /** Where {@code index.ts} goes. */
    @Parameter(property = "typedipc.typescript.outputDirectory",
            defaultValue = "${project.build.directory}/generated-sources/typescript")
    private File outputDirectory;

    /**
     * The class output whose manifests are read (set {@code ${project.build.testOutputDirectory}}, in phase
     * {@code process-test-classes}, for channels declared in tests).
     */
    @Parameter(property = "typedipc.classesDirectory", defaultValue = "${project.build.outputDirectory}")
    private File classesDirectory;

    /** Also generate the channels of the project's compile and runtime dependencies' jars. */
    @Parameter(property = "typedipc.includeDependencies", defaultValue = "false")
    private boolean includeDependencies;

    /** The module specifier the generated file imports the client from. */
    @Parameter(property = "typedipc.typescript.clientModule", defaultValue = TypeScriptGenerator.DEFAULT_CLIENT_MODULE)
    private String clientModule;

    /** Skip the goal. */
    @Parameter(property = "typedipc.skip", defaultValue = "false")
    private boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping (typedipc.skip)");
            return;
        }
        ProjectManifests manifests = new ProjectManifests(project);
        Path classes = classesDirectory.toPath();
        List<Manifest> all = new ArrayList<>(manifests.scan(classes,
                ProjectManifests.coordinates(project.getGroupId(), project.getArtifactId(), project.getVersion())));
        if (includeDependencies) {
            all.addAll(manifests.dependencies());
        }
        if (all.isEmpty()) {
            throw new MojoFailureException("typed-ipc:typescript found no channel manifests in " + classes
                    + (includeDependencies ? " or in the project's dependencies" : "")
                    + (Files.isDirectory(classes) ? "" : " (it does not exist: run the goal after compiling)")
                    + ": compile the @Channel interfaces with typed-ipc-processor on the annotation processor path"
                    + (includeDependencies ? "" : ", or set includeDependencies for channels declared in a jar"));
        }
        Path file;
        try {
            file = new TypeScriptGenerator(clientModule).writeTo(outputDirectory.toPath(), all);
        } catch (TypeScriptException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write the TypeScript to " + outputDirectory + ": "
                    + e.getMessage(), e);
        }
        getLog().info("TypeScript for " + all.size() + " channel interface(s) in " + file);
    }
}
