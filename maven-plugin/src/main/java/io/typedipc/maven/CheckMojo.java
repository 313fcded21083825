package io.typedipc.maven;

import io.typedipc.maven.compat.Comparison;
import io.typedipc.maven.compat.ContractComparator;
import io.typedipc.maven.compat.Finding;
import io.typedipc.maven.manifest.ChannelCatalog;
import io.typedipc.maven.manifest.Manifest;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.repository.RemoteRepository;

/**
 * Compares this build's channels with a baseline (a released version's jar) and prints one line per difference:
 * the channel id, what changed, compatible or breaking, and why. Fails the build on a breaking difference unless
 * {@code allowBreaking} is set. docs/maven-plugin.md ("What breaking means") explains every verdict.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class CheckMojo extends AbstractMojo {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Parameter(defaultValue = "${repositorySystemSession}", readonly = true, required = true)
    private RepositorySystemSession repositorySession;

    @Parameter(defaultValue = "${project.remoteProjectRepositories}", readonly = true, required = true)
    private List<RemoteRepository> remoteRepositories;

    private final RepositorySystem repositorySystem;

    /**
     * What to compare with: {@code groupId:artifactId:version} of a released version, resolved through the
     * project's repositories, or the path of a jar (relative to the project's folder).
     */
    @Parameter(property = "typedipc.baseline")
    private String baseline;

    /** Report breaking differences without failing the build (for a release that breaks on purpose). */
    @Parameter(property = "typedipc.allowBreaking", defaultValue = "false")
    private boolean allowBreaking;

    /** Skip the goal. */
    @Parameter(property = "typedipc.skip", defaultValue = "false")
    private boolean skip;

    @Inject
    public CheckMojo(RepositorySystem repositorySystem) {
        this.repositorySystem = repositorySystem;
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping (typedipc.skip)");
            return;
        }
        if (baseline == null || baseline.isBlank()) {
            throw new MojoExecutionException("typed-ipc:check needs a baseline to compare with: set <baseline> in"
                    + " the plugin's configuration or -Dtypedipc.baseline=groupId:artifactId:version (or a jar's path)");
        }
        Path classes = Path.of(project.getBuild().getOutputDirectory());
        if (!Files.isDirectory(classes)) {
            throw new MojoExecutionException(classes + " does not exist: typed-ipc:check compares the compiled"
                    + " channels, so run it after compiling (mvn verify, or mvn compile typed-ipc:check)");
        }
        BaselineResolver.Baseline resolved = new BaselineResolver(repositorySystem, repositorySession,
                remoteRepositories).resolve(baseline, project.getBasedir());
        ProjectManifests manifests = new ProjectManifests(project);
        List<Manifest> old = manifests.scan(resolved.location(), resolved.name());
        if (old.isEmpty()) {
            getLog().warn("the baseline " + resolved.name() + " (" + resolved.location() + ") declares no channels");
        }
        Comparison comparison = new ContractComparator().compare(new ChannelCatalog(old),
                new ChannelCatalog(manifests.own()));
        report(comparison, resolved.name());
    }

    private void report(Comparison comparison, String against) throws MojoFailureException {
        for (String note : comparison.notes()) {
            getLog().info("note: " + note);
        }
        for (Finding finding : comparison.findings()) {
            if (!finding.isBreaking()) {
                getLog().info(finding.toString());
            } else if (allowBreaking) {
                getLog().warn(finding.toString());
            } else {
                getLog().error(finding.toString());
            }
        }
        List<Finding> breaking = comparison.breaking();
        String summary = comparison.findings().size() + " difference(s) from " + against + ", " + breaking.size()
                + " breaking";
        if (breaking.isEmpty()) {
            getLog().info(summary);
        } else if (allowBreaking) {
            getLog().warn(summary + " (allowed: typedipc.allowBreaking)");
        } else {
            throw new MojoFailureException(summary + "; first: " + breaking.get(0) + ". Peers built against "
                    + against + " will fail against this build. If that is intended (a new major version), set"
                    + " -Dtypedipc.allowBreaking=true");
        }
    }
}
