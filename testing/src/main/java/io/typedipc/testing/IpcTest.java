package io.typedipc.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class (or one test method) with {@link IpcExtension}: each test method that takes an
 * {@link IpcTestContext} parameter gets its own main, renderers and child processes, closed after the test, and the
 * test fails if it leaves a request without a reply or an error nobody took.
 *
 * <pre>{@code
 * @IpcTest
 * class ChatRoomTest {
 *     @Test
 *     void aMemberJoins(IpcTestContext ipc) {
 *         ChatRoomDispatcher.register(ipc.main(), new ChatRoomService());
 *         ChatRoom room = new ChatRoomSender(ipc.renderer("alice"));
 *         assertEquals(1, room.join("alice"));
 *     }
 * }
 * }</pre>
 *
 * A method's annotation wins over its class's.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(IpcExtension.class)
public @interface IpcTest {

    /** {@value IpcTestContext#DEFAULT_LEAK_GRACE_MILLIS} ms: see {@link #leakGraceMillis()}. */
    long DEFAULT_LEAK_GRACE_MILLIS = IpcTestContext.DEFAULT_LEAK_GRACE_MILLIS;

    /**
     * How long, after the test method returns, requests still waiting for a reply may take to get it before they
     * count as leaked and fail the test. A test that waits for its calls pays nothing for it; one that fires a
     * request and returns gets this long for the reply to arrive.
     */
    long leakGraceMillis() default DEFAULT_LEAK_GRACE_MILLIS;

    /** Whether an {@code IpcError} that the test did not take ({@link IpcTestContext#takeErrors()}) fails it. */
    boolean failOnErrors() default true;

    /**
     * Whether the message trace of every context the kit made is written to standard error, and published as the
     * report entry {@value IpcExtension#TRACE_REPORT_KEY}, when the test fails.
     */
    boolean traceOnFailure() default true;
}
