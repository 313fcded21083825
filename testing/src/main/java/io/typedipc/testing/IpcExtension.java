package io.typedipc.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.AssertionFailedError;

/**
 * The JUnit 5 extension behind {@link IpcTest}: gives each test method that asks for one (a parameter of the test
 * method, or of a {@code @BeforeEach} / {@code @AfterEach} method — the same object for all of them) its own
 * {@link IpcTestContext}, and after the test checks and closes it. Register it with {@code @IpcTest} (with
 * settings) or {@code @ExtendWith(IpcExtension.class)} (the defaults).
 *
 * <p>When the test fails — by its own assertion or by the kit's checks — and {@link IpcTest#traceOnFailure()} is on,
 * the message trace of the test's contexts is written to standard error and published as the report entry
 * {@value #TRACE_REPORT_KEY}.
 */
public final class IpcExtension implements ParameterResolver, AfterEachCallback {
    /** The report entry that holds the message trace of a failed test. */
    public static final String TRACE_REPORT_KEY = "typed-ipc.trace";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(IpcExtension.class);
    private static final String KEY = "ipc";

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == IpcTestContext.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (context.getTestMethod().isEmpty()) {
            throw new ParameterResolutionException("an IpcTestContext belongs to one test method; "
                    + parameter.getDeclaringExecutable() + " is not run for one (use @BeforeEach, not @BeforeAll)");
        }
        IpcTest settings = settings(context);
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(KEY,
                key -> new IpcTestContext(Duration.ofMillis(settings.leakGraceMillis())), IpcTestContext.class);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        IpcTestContext ipc = context.getStore(NAMESPACE).remove(KEY, IpcTestContext.class);
        if (ipc == null) {
            return; // the test asked for no IpcTestContext
        }
        IpcTest settings = settings(context);
        List<String> problems = ipc.finish(settings.failOnErrors());
        boolean failed = context.getExecutionException().isPresent() || !problems.isEmpty();
        if (failed && settings.traceOnFailure()) {
            publishTrace(context, ipc);
        }
        if (!problems.isEmpty()) {
            throw new AssertionFailedError(problems.size() == 1 ? problems.get(0)
                    : problems.size() + " problems after the test:\n  " + String.join("\n  ", problems));
        }
    }

    private static void publishTrace(ExtensionContext context, IpcTestContext ipc) {
        StringWriter text = new StringWriter();
        ipc.trace().writeTo(new PrintWriter(text));
        String trace = text.toString();
        String header = "typed-ipc message trace of " + context.getDisplayName() + " ("
                + ipc.trace().frames().size() + " frames)";
        System.err.println(header + (trace.isEmpty() ? ": no frames" : ":\n" + trace));
        context.publishReportEntry(TRACE_REPORT_KEY, trace.isEmpty() ? "no frames" : trace);
    }

    /** The {@link IpcTest} of the test method, else of its class or an enclosing one, else the defaults. */
    private static IpcTest settings(ExtensionContext context) {
        for (ExtensionContext at = context; at != null; at = at.getParent().orElse(null)) {
            Optional<IpcTest> found = AnnotationSupport.findAnnotation(at.getElement(), IpcTest.class);
            if (found.isPresent()) {
                return found.get();
            }
        }
        return Defaults.INSTANCE;
    }

    /** The defaults when the extension is registered without {@link IpcTest}. */
    @IpcTest
    private static final class Defaults {
        static final IpcTest INSTANCE = Defaults.class.getAnnotation(IpcTest.class);
    }
}
