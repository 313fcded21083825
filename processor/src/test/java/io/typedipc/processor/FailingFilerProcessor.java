package io.typedipc.processor;

import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.tools.FileObject;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;

/**
 * Runs {@link ChannelProcessor} with a {@link Filer} that throws an unchecked exception: the one way to make the
 * processor fail inside itself on purpose, to prove such a failure becomes a tagged error at the interface rather
 * than a javac crash.
 */
final class FailingFilerProcessor extends WithFiler {

    @Override
    Filer filer(Filer real) {
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
}
