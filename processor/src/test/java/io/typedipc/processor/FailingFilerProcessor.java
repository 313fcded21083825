package io.typedipc.processor;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.FileObject;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;

/**
 * Runs {@link ChannelProcessor} with a {@link Filer} that throws an unchecked exception: the one way to make the
 * processor fail inside itself on purpose, to prove such a failure becomes a tagged error at the interface rather
 * than a javac crash.
 */
final class FailingFilerProcessor extends AbstractProcessor {
    private final ChannelProcessor delegate = new ChannelProcessor();

    @Override
    public synchronized void init(ProcessingEnvironment env) {
        super.init(env);
        delegate.init(new Environment(env));
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

    /** The real environment, but for its Filer. */
    private static final class Environment implements ProcessingEnvironment {
        private final ProcessingEnvironment real;

        Environment(ProcessingEnvironment real) {
            this.real = real;
        }

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
            return new Filer() {
                @Override
                public JavaFileObject createSourceFile(CharSequence name, Element... originatingElements) {
                    throw new IllegalStateException("the file system is gone");
                }

                @Override
                public JavaFileObject createClassFile(CharSequence name, Element... originatingElements) {
                    throw new IllegalStateException("the file system is gone");
                }

                @Override
                public FileObject createResource(JavaFileManager.Location location, CharSequence moduleAndPkg,
                        CharSequence relativeName, Element... originatingElements) {
                    throw new IllegalStateException("the file system is gone");
                }

                @Override
                public FileObject getResource(JavaFileManager.Location location, CharSequence moduleAndPkg,
                        CharSequence relativeName) {
                    throw new IllegalStateException("the file system is gone");
                }
            };
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
