package io.typedipc.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * Runs beside the channel processor and records every type that enters the compilation, including generated ones,
 * so a test can see what was generated even when the compilation failed.
 */
final class ProbeProcessor extends AbstractProcessor {
    final List<String> rootTypes = new ArrayList<>();

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        for (Element element : round.getRootElements()) {
            if (element instanceof TypeElement type) {
                rootTypes.add(type.getQualifiedName().toString());
            }
        }
        return false;
    }
}
