package io.typedipc.benchmarks.compile;

import java.io.IOException;
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
import javax.tools.FileObject;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;

/**
 * Runs an annotation processor and measures where its time goes: the wall time inside its {@code init} and
 * {@code process} calls, and, of that, the time inside javac's {@link Filer} creating files (where javac checks each
 * new file against every input and every file created before). What is left is the processor's own work.
 */
final class TimedProcessor implements Processor {
    private final Processor delegate;
    private long insideNanos;
    private long filerNanos;
    private int files;

    TimedProcessor(Processor delegate) {
        this.delegate = delegate;
    }

    /** Milliseconds inside the processor, javac's Filer included. */
    double insideMillis() {
        return insideNanos / 1e6;
    }

    /** Milliseconds inside {@code Filer.createSourceFile / createClassFile / createResource}. */
    double filerMillis() {
        return filerNanos / 1e6;
    }

    int files() {
        return files;
    }

    @Override
    public void init(ProcessingEnvironment environment) {
        long start = System.nanoTime();
        delegate.init(new TimedEnvironment(environment, new TimedFiler(environment.getFiler())));
        insideNanos += System.nanoTime() - start;
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        long start = System.nanoTime();
        try {
            return delegate.process(annotations, round);
        } finally {
            insideNanos += System.nanoTime() - start;
        }
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
    public Iterable<? extends Completion> getCompletions(Element element, AnnotationMirror annotation,
            ExecutableElement member, String userText) {
        return delegate.getCompletions(element, annotation, member, userText);
    }

    private final class TimedFiler implements Filer {
        private final Filer real;

        TimedFiler(Filer real) {
            this.real = real;
        }

        @Override
        public JavaFileObject createSourceFile(CharSequence name, Element... originating) throws IOException {
            long start = System.nanoTime();
            try {
                files++;
                return real.createSourceFile(name, originating);
            } finally {
                filerNanos += System.nanoTime() - start;
            }
        }

        @Override
        public JavaFileObject createClassFile(CharSequence name, Element... originating) throws IOException {
            long start = System.nanoTime();
            try {
                files++;
                return real.createClassFile(name, originating);
            } finally {
                filerNanos += System.nanoTime() - start;
            }
        }

        @Override
        public FileObject createResource(JavaFileManager.Location location, CharSequence moduleAndPkg,
                CharSequence relativeName, Element... originating) throws IOException {
            long start = System.nanoTime();
            try {
                files++;
                return real.createResource(location, moduleAndPkg, relativeName, originating);
            } finally {
                filerNanos += System.nanoTime() - start;
            }
        }

        @Override
        public FileObject getResource(JavaFileManager.Location location, CharSequence moduleAndPkg,
                CharSequence relativeName) throws IOException {
            return real.getResource(location, moduleAndPkg, relativeName);
        }
    }

    /** javac's environment with the timed Filer. */
    private record TimedEnvironment(ProcessingEnvironment real, Filer filer) implements ProcessingEnvironment {
        @Override
        public Map<String, String> getOptions() {
            return real.getOptions();
        }

        @Override
        public Messager getMessager() {
            return real.getMessager();
        }

        @Override
        public Filer getFiler() {
            return filer;
        }

        @Override
        public Elements getElementUtils() {
            return real.getElementUtils();
        }

        @Override
        public Types getTypeUtils() {
            return real.getTypeUtils();
        }

        @Override
        public SourceVersion getSourceVersion() {
            return real.getSourceVersion();
        }

        @Override
        public Locale getLocale() {
            return real.getLocale();
        }

        @Override
        public boolean isPreviewEnabled() {
            return real.isPreviewEnabled();
        }
    }
}
