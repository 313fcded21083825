package io.typedipc.maven;

import io.typedipc.maven.manifest.Manifest;
import io.typedipc.maven.manifest.ManifestException;
import io.typedipc.maven.manifest.ManifestScanner;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.project.MavenProject;

/** The manifests a project's build produced, and those of its resolved dependencies. */
final class ProjectManifests {
    private final ManifestScanner scanner = new ManifestScanner();
    private final MavenProject project;

    ProjectManifests(MavenProject project) {
        this.project = project;
    }

    static String coordinates(String groupId, String artifactId, String version) {
        return groupId + ":" + artifactId + ":" + version;
    }

    /** The manifests in the project's class output ({@code target/classes}). */
    List<Manifest> own() throws MojoExecutionException {
        return scan(Path.of(project.getBuild().getOutputDirectory()),
                coordinates(project.getGroupId(), project.getArtifactId(), project.getVersion()));
    }

    /** The manifests in the project's compile and runtime dependencies, in the order Maven resolved them. */
    List<Manifest> dependencies() throws MojoExecutionException {
        List<Manifest> manifests = new ArrayList<>();
        for (Artifact artifact : project.getArtifacts()) {
            File file = artifact.getFile();
            if (file == null || !artifact.getArtifactHandler().isAddedToClasspath()
                    || Artifact.SCOPE_TEST.equals(artifact.getScope())) {
                continue;
            }
            manifests.addAll(scan(file.toPath(),
                    coordinates(artifact.getGroupId(), artifact.getArtifactId(), artifact.getVersion())));
        }
        return manifests;
    }

    List<Manifest> scan(Path location, String artifact) throws MojoExecutionException {
        try {
            return scanner.scan(location, artifact);
        } catch (ManifestException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }
}
