package io.typedipc.processor;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.tools.FileObject;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;

/**
 * Wraps the channel processor and records, for every file it creates, the originating elements it passed to the
 * Filer: what Gradle's isolating mode relies on (exactly one, the interface). A file is recorded once the Filer has
 * created it, so an attempt the Filer refused (a name already taken) is not a created file.
 */
final class RecordingProcessor extends WithFiler {
    /** One created file and its originating elements. */
    record Created(String name, List<Element> originatingElements) {}

    final List<Created> created = new ArrayList<>();

    @Override
    Filer filer(Filer real) {
        return new Filer() {
            @Override
            public JavaFileObject createSourceFile(CharSequence name, Element... originating) throws IOException {
                JavaFileObject file = real.createSourceFile(name, originating);
                created.add(new Created(name.toString(), List.of(originating)));
                return file;
            }

            @Override
            public JavaFileObject createClassFile(CharSequence name, Element... originating) throws IOException {
                JavaFileObject file = real.createClassFile(name, originating);
                created.add(new Created(name.toString(), List.of(originating)));
                return file;
            }

            @Override
            public FileObject createResource(JavaFileManager.Location location, CharSequence moduleAndPkg,
                    CharSequence relativeName, Element... originating) throws IOException {
                FileObject file = real.createResource(location, moduleAndPkg, relativeName, originating);
                created.add(new Created(relativeName.toString(), List.of(originating)));
                return file;
            }

            @Override
            public FileObject getResource(JavaFileManager.Location location, CharSequence moduleAndPkg,
                    CharSequence relativeName) throws IOException {
                return real.getResource(location, moduleAndPkg, relativeName);
            }
        };
    }
}
