package io.typedipc.maven;

import io.typedipc.maven.manifest.ChannelCatalog;
import io.typedipc.maven.manifest.Manifest;
import io.typedipc.maven.report.ChannelReport;
import java.io.File;
import java.io.IOException;
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
 * Reports the build's channels: reads the manifests of the project's class output (and, with
 * {@code includeDependencies}, of its compile and runtime dependencies) and writes {@code channels.json} and
 * {@code channels.md} to {@code outputDirectory}. Fails when two interfaces declare the same channel id.
 */
@Mojo(name = "channels", defaultPhase = LifecyclePhase.PROCESS_CLASSES, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME)
public final class ChannelsMojo extends AbstractMojo {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    /** Where {@code channels.json} and {@code channels.md} go. */
    @Parameter(property = "typedipc.outputDirectory", defaultValue = "${project.build.directory}/typed-ipc")
    private File outputDirectory;

    /** Also report the channels of the project's compile and runtime dependencies' jars. */
    @Parameter(property = "typedipc.includeDependencies", defaultValue = "false")
    private boolean includeDependencies;

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
        List<Manifest> all = new ArrayList<>(manifests.own());
        if (includeDependencies) {
            all.addAll(manifests.dependencies());
        }
        ChannelCatalog catalog = new ChannelCatalog(all);
        try {
            new ChannelReport(catalog).writeTo(outputDirectory.toPath());
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write the channel report to " + outputDirectory + ": "
                    + e.getMessage(), e);
        }
        getLog().info(catalog.channels().size() + " channel(s) in " + catalog.manifests().size()
                + " interface(s); report in " + outputDirectory);
        List<ChannelCatalog.Duplicate> duplicates = catalog.duplicates();
        if (!duplicates.isEmpty()) {
            for (ChannelCatalog.Duplicate duplicate : duplicates) {
                getLog().error(duplicate.toString());
            }
            throw new MojoFailureException(duplicates.size() + " channel id(s) declared more than once: "
                    + duplicates.get(0) + (duplicates.size() > 1 ? " (and more, listed above)" : "")
                    + ". At run time only one of them can be registered in a context: rename one.");
        }
    }
}
