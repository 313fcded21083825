package io.typedipc.processor;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.Completion;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/** Runs {@link ChannelProcessor} in the real environment, but with a {@link Filer} of the test's making. */
abstract class WithFiler implements Processor {
    private final ChannelProcessor delegate = new ChannelProcessor();

    /** The Filer the processor gets, given javac's own. */
    abstract Filer filer(Filer real);

    @Override
    public void init(ProcessingEnvironment environment) {
        Filer filer = filer(environment.getFiler());
        delegate.init(new ProcessingEnvironment() {
            @Override
            public Map<String, String> getOptions() {
                return environment.getOptions();
            }

            @Override
            public Messager getMessager() {
                return environment.getMessager();
            }

            @Override
            public Filer getFiler() {
                return filer;
            }

            @Override
            public Elements getElementUtils() {
                return environment.getElementUtils();
            }

            @Override
            public Types getTypeUtils() {
                return environment.getTypeUtils();
            }

            @Override
            public SourceVersion getSourceVersion() {
                return environment.getSourceVersion();
            }

            @Override
            public Locale getLocale() {
                return environment.getLocale();
            }

            @Override
            public boolean isPreviewEnabled() {
                return environment.isPreviewEnabled();
            }
        });
    }

    @Override
    public Set<String> getSupportedOptions() {
        return delegate.getSupportedOptions();
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return delegate.getSupportedAnnotationTypes();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return delegate.getSupportedSourceVersion();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        return delegate.process(annotations, round);
    }

    @Override
    public Iterable<? extends Completion> getCompletions(Element element, AnnotationMirror annotation,
            ExecutableElement member, String userText) {
        return delegate.getCompletions(element, annotation, member, userText);
    }
}
