package io.typedipc.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Generates {@code <Interface>Sender}, {@code <Interface>Dispatcher} and a channel manifest for every interface that
 * carries {@code @Channel} (on itself or on one of its methods).
 *
 * <p>Each round: collect the interfaces, put aside those that mention a type no processor has generated yet (they are
 * retried next round, as google/auto does), validate the rest through {@link ModelBuilder} (which reports every
 * error), and write files only for interfaces without errors. No exception escapes to javac: one becomes a tagged
 * error at the interface that caused it.
 */
@AutoService(Processor.class)
public final class ChannelProcessor extends AbstractProcessor {

    private Diagnostics diagnostics;
    private ChannelRegistry registry;
    /** Interfaces waiting for types another processor has yet to generate, by qualified name. */
    private final Set<String> deferred = new LinkedHashSet<>();
    /** Interfaces already handled (generated or rejected), so a later round never handles one twice. */
    private final Set<String> done = new LinkedHashSet<>();
    /** Top-level types whose source is part of this compilation: errors can be shown at their members. */
    private final Set<String> sourceTypes = new java.util.HashSet<>();
    /** Member errors already reported, so a data type used by many channels is reported at its member once. */
    private final Set<String> reportedAtMembers = new java.util.HashSet<>();
    /** The data-type model of the current round, shared by every interface (each type is walked once). */
    private DataTypes dataTypes;
    private DataTypeRules dataRules;
    private DataTypeReport dataReport;

    @Override
    public synchronized void init(ProcessingEnvironment processingEnv) {
        super.init(processingEnv);
        diagnostics = new Diagnostics(processingEnv.getMessager());
        registry = new ChannelRegistry();
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(ChannelAnnotation.NAME);
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        // Sorted by name, so which of two clashing interfaces gets the error does not depend on javac's order.
        Set<TypeElement> candidates = new java.util.TreeSet<>(
                java.util.Comparator.comparing((TypeElement type) -> type.getQualifiedName().toString()));
        for (String name : deferred) {
            TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
            if (type != null) {
                candidates.add(type);
            }
        }
        deferred.clear();
        for (Element root : round.getRootElements()) {
            if (root instanceof TypeElement rootType) {
                sourceTypes.add(rootType.getQualifiedName().toString());
            }
        }
        dataRules = new DataTypeRules(processingEnv.getTypeUtils(), processingEnv.getElementUtils(),
                new Accessibility(processingEnv.getElementUtils()));
        dataTypes = new DataTypes(processingEnv.getTypeUtils(), processingEnv.getElementUtils(), dataRules);
        dataReport = new DataTypeReport(dataTypes, diagnostics, this::isInThisCompilation, reportedAtMembers);
        TypeElement channel = processingEnv.getElementUtils().getTypeElement(ChannelAnnotation.NAME);
        if (channel != null) {
            for (Element element : round.getElementsAnnotatedWith(channel)) {
                TypeElement candidate = channelTypeOf(element);
                if (candidate != null) {
                    candidates.add(candidate);
                }
            }
        }
        for (TypeElement type : candidates) {
            String name = type.getQualifiedName().toString();
            if (done.contains(name)) {
                continue;
            }
            try {
                String missing = unresolvedType(type);
                if (missing != null && !round.processingOver()) {
                    deferred.add(name);
                    continue;
                }
                done.add(name);
                if (missing != null) {
                    diagnostics.error(ErrorTag.UNRESOLVED_TYPE, type, "channel interface " + type.getSimpleName()
                            + " uses " + missing + ", which does not exist and was not generated by any annotation"
                            + " processor; fix the type name, or add the processor that generates it");
                } else {
                    processInterface(type);
                }
            } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
                done.add(name);
                diagnostics.error(ErrorTag.INTERNAL_ERROR, type, "the Typed IPC processor failed on "
                        + type.getSimpleName() + " (please report this, with the interface): " + stackTrace(e));
            }
        }
        // Not claimed: claiming would stop later "*" processors from running when @Channel is all there is.
        return false;
    }

    /** Whether an element's source is compiled now (else an error at it would have no place to show). */
    private boolean isInThisCompilation(Element element) {
        Element outermost = element;
        while (outermost.getEnclosingElement() instanceof TypeElement enclosing) {
            outermost = enclosing;
        }
        while (!(outermost instanceof TypeElement) && outermost.getEnclosingElement() != null) {
            outermost = outermost.getEnclosingElement();
        }
        return outermost instanceof TypeElement type && sourceTypes.contains(type.getQualifiedName().toString());
    }

    /** The interface an annotated element belongs to: itself for a type, the enclosing type for a method. */
    private TypeElement channelTypeOf(Element element) {
        if (element instanceof TypeElement type) {
            return type;
        }
        if (element instanceof ExecutableElement method && method.getEnclosingElement() instanceof TypeElement type) {
            if (!type.getKind().isInterface() || type.getKind() == javax.lang.model.element.ElementKind.ANNOTATION_TYPE) {
                diagnostics.error(ErrorTag.NOT_AN_INTERFACE, method, ChannelAnnotation.of(method), "@Channel is on"
                        + " method " + method.getSimpleName() + "() of " + type.getSimpleName() + ", which is not an"
                        + " interface; channels are declared on interfaces, so move the method into one");
                return null;
            }
            return type;
        }
        return null;
    }

    private void processInterface(TypeElement type) {
        ModelBuilder builder = new ModelBuilder(processingEnv.getElementUtils(), processingEnv.getTypeUtils(),
                diagnostics, registry, dataRules, dataTypes, dataReport);
        ChannelInterface channels = builder.build(type);
        if (channels == null) {
            return;
        }
        Filer filer = processingEnv.getFiler();
        try {
            writeJava(filer, channels, new SenderWriter(processingEnv.getElementUtils()).write(channels));
            writeJava(filer, channels, new DispatcherWriter(processingEnv.getElementUtils()).write(channels));
            ManifestWriter manifest = new ManifestWriter(processingEnv.getElementUtils());
            FileObject file = filer.createResource(StandardLocation.CLASS_OUTPUT, "", manifest.path(channels),
                    channels.element());
            try (Writer writer = file.openWriter()) {
                writer.write(manifest.write(channels));
            }
        } catch (IOException e) {
            diagnostics.error(ErrorTag.CANNOT_WRITE, type, "could not write the generated files for "
                    + type.getSimpleName() + ": " + e.getMessage() + "; if another class already has the name "
                    + channels.senderName().simpleName() + " or " + channels.dispatcherName().simpleName()
                    + ", rename it");
        }
    }

    private static void writeJava(Filer filer, ChannelInterface channels, TypeSpec type) throws IOException {
        JavaFile.builder(channels.packageName(), type)
                .indent("    ")
                .skipJavaLangImports(true)
                .build()
                .writeTo(filer);
    }

    /** The first type the interface mentions that does not exist yet, or {@code null} when all are resolved. */
    private String unresolvedType(TypeElement type) {
        for (TypeMirror parent : type.getInterfaces()) {
            if (DataTypeRules.isUnresolved(parent)) {
                return parent.toString();
            }
        }
        for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
            if (method.getModifiers().contains(Modifier.STATIC)) {
                continue;
            }
            if (DataTypeRules.isUnresolved(method.getReturnType())) {
                return method.getReturnType().toString();
            }
            for (var parameter : method.getParameters()) {
                if (DataTypeRules.isUnresolved(parameter.asType())) {
                    return parameter.asType().toString();
                }
            }
            for (TypeMirror thrown : method.getThrownTypes()) {
                if (DataTypeRules.isUnresolved(thrown)) {
                    return thrown.toString();
                }
            }
        }
        return null;
    }

    private static String stackTrace(Throwable error) {
        StringWriter text = new StringWriter();
        error.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
