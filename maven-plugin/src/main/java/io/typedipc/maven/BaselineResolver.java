package io.typedipc.maven;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

/**
 * Finds the baseline jar: a path (to a jar, or a class directory), else {@code groupId:artifactId:version} (or
 * Maven's longer {@code groupId:artifactId:extension[:classifier]:version}) resolved through the project's
 * repositories, as the project's own dependencies are.
 */
final class BaselineResolver {

    /** The baseline's location and the name findings and messages give it. */
    record Baseline(Path location, String name) {}

    private final RepositorySystem repositories;
    private final RepositorySystemSession session;
    private final List<RemoteRepository> remotes;

    BaselineResolver(RepositorySystem repositories, RepositorySystemSession session, List<RemoteRepository> remotes) {
        this.repositories = repositories;
        this.session = session;
        this.remotes = remotes;
    }

    Baseline resolve(String baseline, File basedir) throws MojoExecutionException {
        String value = baseline.trim();
        Path path = basedir.toPath().resolve(value);
        if (Files.exists(path)) {
            return new Baseline(path, value);
        }
        Artifact artifact;
        try {
            artifact = new DefaultArtifact(value);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("baseline \"" + value + "\" is neither an existing file nor"
                    + " groupId:artifactId:version");
        }
        try {
            Artifact resolved = repositories.resolveArtifact(session, new ArtifactRequest(artifact, remotes, null))
                    .getArtifact();
            return new Baseline(resolved.getFile().toPath(), value);
        } catch (ArtifactResolutionException e) {
            throw new MojoExecutionException("cannot resolve the baseline " + value + " through the project's"
                    + " repositories: " + e.getMessage(), e);
        }
    }
}
