package io.typedipc.processor;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.Completion;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.FileObject;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;

/**
 * Wraps the channel processor and records, for every file it creates, the originating elements it passed to the
 * Filer: what Gradle's isolating mode relies on (exactly one, the interface).
 */
final class RecordingProcessor implements Processor {
    /** One created file and its originating elements. */
    record Created(String name, List<Element> originatingElements) {}

    final List<Created> created = new ArrayList<>();
    private final ChannelProcessor delegate = new ChannelProcessor();

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
    public void init(ProcessingEnvironment environment) {
        Filer filer = new Filer() {
            @Override
            public JavaFileObject createSourceFile(CharSequence name, Element... originating) throws IOException {
                created.add(new Created(name.toString(), List.of(originating)));
                return environment.getFiler().createSourceFile(name, originating);
            }

            @Override
            public JavaFileObject createClassFile(CharSequence name, Element... originating) throws IOException {
                created.add(new Created(name.toString(), List.of(originating)));
                return environment.getFiler().createClassFile(name, originating);
            }

            @Override
            public FileObject createResource(JavaFileManager.Location location, CharSequence moduleAndPkg,
                    CharSequence relativeName, Element... originating) throws IOException {
                created.add(new Created(relativeName.toString(), List.of(originating)));
                return environment.getFiler().createResource(location, moduleAndPkg, relativeName, originating);
            }

            @Override
            public FileObject getResource(JavaFileManager.Location location, CharSequence moduleAndPkg,
                    CharSequence relativeName) throws IOException {
                return environment.getFiler().getResource(location, moduleAndPkg, relativeName);
            }
        };
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
        });
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
