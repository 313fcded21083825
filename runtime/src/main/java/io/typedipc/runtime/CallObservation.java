package io.typedipc.runtime;

import io.typedipc.runtime.codegen.MethodDescriptor;
import io.typedipc.runtime.internal.engine.CallEvent;
import io.typedipc.runtime.internal.engine.CallObserver;
import io.typedipc.runtime.internal.engine.CallWatch;
import io.typedipc.runtime.internal.engine.ServeEvent;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import jdk.jfr.Event;

/**
 * One context's watchers of calls: its interceptors of both directions and the JFR call events. When no interceptor
 * is registered and no recording wants the events, a call gets no watch at all.
 */
final class CallObservation implements CallObserver {
    private static final System.Logger LOG = System.getLogger(IpcInterceptor.class.getName());

    private final IpcContext context;
    private final List<IpcInterceptor> outgoing;
    private final List<IpcInterceptor> incoming;

    CallObservation(IpcContext context, IpcSettings settings) {
        this.context = context;
        this.outgoing = new CopyOnWriteArrayList<>(settings.outgoingInterceptors());
        this.incoming = new CopyOnWriteArrayList<>(settings.incomingInterceptors());
    }

    Registration add(IpcCall.Direction direction, IpcInterceptor interceptor) {
        Objects.requireNonNull(interceptor, "interceptor");
        List<IpcInterceptor> list = direction == IpcCall.Direction.OUTGOING ? outgoing : incoming;
        list.add(interceptor);
        return () -> list.remove(interceptor);
    }

    /** Whether incoming calls are watched at all (else their arguments need not be decoded for interceptors). */
    boolean watchesIncoming() {
        return !incoming.isEmpty() || ServeEvent.enabled();
    }

    @Override
    public CallWatch outgoing(MethodDescriptor.Kind kind, String channel, Object[] args, String peer) {
        boolean record = CallEvent.enabled();
        if (outgoing.isEmpty() && !record) {
            return null;
        }
        IpcCall.Kind callKind = switch (kind) {
            case BLOCKING -> IpcCall.Kind.SYNC;
            case ASYNC -> IpcCall.Kind.REQUEST;
            case ONE_WAY -> IpcCall.Kind.ONE_WAY;
        };
        IpcCall call = new IpcCall(IpcCall.Direction.OUTGOING, callKind, channel, context, peer, args, null);
        Watch watch = new Watch(call, List.copyOf(outgoing), record ? new CallEvent() : null);
        watch.intercept();
        return watch;
    }

    /**
     * An incoming call's handler (or listeners) is about to run, on the context's executor with the message's event
     * current. Returns its watch, or {@code null} when nothing watches.
     *
     * @throws IpcRefusedException if an interceptor refused it: answer {@link ErrorCodes#REFUSED} with its message
     */
    Watch incoming(boolean request, String channel, Object[] args, IpcEvent event, int bytesIn) {
        boolean record = ServeEvent.enabled();
        if (incoming.isEmpty() && !record) {
            return null;
        }
        String peer = event.senderId() == IpcEvent.MAIN_ID ? IpcRenderer.MAIN_NAME
                : "renderer " + event.senderName() + "#" + event.senderId() + (event.isRouted() ? " via main" : "");
        IpcCall call = new IpcCall(IpcCall.Direction.INCOMING, request ? IpcCall.Kind.REQUEST : IpcCall.Kind.ONE_WAY,
                channel, context, peer, args, event);
        Watch watch = new Watch(call, List.copyOf(incoming), record ? new ServeEvent() : null);
        watch.received(bytesIn);
        watch.intercept();
        return watch;
    }

    /** One call's interceptors, outcome and JFR event. */
    final class Watch implements CallWatch {
        private final IpcCall call;
        private final List<IpcInterceptor> interceptors;
        private final Event event;
        private final long startNanos = System.nanoTime();
        private final AtomicBoolean ended = new AtomicBoolean();
        /** How many interceptors let the call go on: those get {@code completed}. */
        private volatile int passed;
        private volatile long bytesOut;
        private volatile long bytesIn;

        Watch(IpcCall call, List<IpcInterceptor> interceptors, Event event) {
            this.call = call;
            this.interceptors = interceptors;
            this.event = event;
            if (event != null) {
                event.begin();
            }
        }

        /** Runs the interceptors in order; the first refusal ends the call as {@link IpcCall.Outcome#REFUSED}. */
        void intercept() {
            for (IpcInterceptor interceptor : interceptors) {
                try {
                    interceptor.intercept(call);
                } catch (IpcRefusedException refused) {
                    end(refused);
                    throw refused;
                } catch (RuntimeException | LinkageError | AssertionError failure) {
                    LOG.log(Level.WARNING, "the interceptor " + interceptor + " failed on " + call + "; the call is refused",
                            failure);
                    IpcRefusedException refused = new IpcRefusedException(call.channel() + ": refused", failure);
                    end(refused);
                    throw refused;
                }
                passed++;
            }
        }

        @Override
        public void sent(int bytes) {
            bytesOut += bytes;
        }

        @Override
        public void received(int bytes) {
            bytesIn += bytes;
        }

        @Override
        public void end(Throwable failure) {
            Throwable cause = unwrap(failure);
            finish(outcomeOf(cause), codeOf(cause), cause);
        }

        /** An incoming request was answered with {@code code} (0: a result); {@code failure} is what the handler threw. */
        void served(int code, Throwable failure) {
            finish(outcomeOfCode(code), code, unwrap(failure));
        }

        private void finish(IpcCall.Outcome outcome, int code, Throwable failure) {
            if (!ended.compareAndSet(false, true)) {
                return;
            }
            IpcCall.Result result = new IpcCall.Result(outcome, code, Optional.ofNullable(failure),
                    Duration.ofNanos(System.nanoTime() - startNanos), bytesOut, bytesIn);
            for (int i = passed - 1; i >= 0; i--) {
                IpcInterceptor interceptor = interceptors.get(i);
                try {
                    interceptor.completed(call, result);
                } catch (RuntimeException | LinkageError | AssertionError e) {
                    LOG.log(Level.WARNING, "the interceptor " + interceptor + " failed on the end of " + call, e);
                }
            }
            if (event instanceof CallEvent out) {
                out.context = context.contextName();
                out.channel = call.channel();
                out.kind = call.kind().name();
                out.peer = call.peer();
                out.bytesOut = bytesOut;
                out.bytesIn = bytesIn;
                out.outcome = outcome.name();
                out.errorCode = code;
                out.commit();
            } else if (event instanceof ServeEvent in) {
                in.context = context.contextName();
                in.channel = call.channel();
                in.kind = call.kind().name();
                in.peer = call.peer();
                in.bytesOut = bytesOut;
                in.bytesIn = bytesIn;
                in.outcome = outcome.name();
                in.errorCode = code;
                in.commit();
            }
        }
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    static IpcCall.Outcome outcomeOf(Throwable failure) {
        if (failure == null) {
            return IpcCall.Outcome.OK;
        }
        if (failure instanceof CancellationException) {
            return IpcCall.Outcome.CANCELLED;
        }
        if (failure instanceof IpcException ipc) {
            return outcomeOfCode(ipc.code());
        }
        // An asynchronous call's future fails with the declared checked exception itself.
        return failure instanceof RuntimeException || failure instanceof Error ? IpcCall.Outcome.ERROR
                : IpcCall.Outcome.DECLARED_ERROR;
    }

    static int codeOf(Throwable failure) {
        if (failure == null) {
            return 0;
        }
        if (failure instanceof CancellationException) {
            return ErrorCodes.CANCELLED;
        }
        if (failure instanceof IpcException ipc) {
            return ipc.code();
        }
        return failure instanceof RuntimeException || failure instanceof Error ? ErrorCodes.INTERNAL_ERROR
                : ErrorCodes.DECLARED_ERROR;
    }

    static IpcCall.Outcome outcomeOfCode(int code) {
        return switch (code) {
            case 0 -> IpcCall.Outcome.OK;
            case ErrorCodes.DECLARED_ERROR -> IpcCall.Outcome.DECLARED_ERROR;
            case ErrorCodes.TIMEOUT -> IpcCall.Outcome.TIMEOUT;
            case ErrorCodes.CANCELLED -> IpcCall.Outcome.CANCELLED;
            case ErrorCodes.DISCONNECTED -> IpcCall.Outcome.DISCONNECTED;
            case ErrorCodes.REFUSED -> IpcCall.Outcome.REFUSED;
            default -> IpcCall.Outcome.ERROR;
        };
    }
}
