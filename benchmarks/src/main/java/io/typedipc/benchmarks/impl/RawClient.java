package io.typedipc.benchmarks.impl;

import io.typedipc.benchmarks.harness.ChildProcess;
import io.typedipc.benchmarks.harness.Completion;
import io.typedipc.benchmarks.harness.Frames;
import io.typedipc.benchmarks.harness.Transport;
import io.typedipc.runtime.transport.spi.InProcessLink;
import io.typedipc.runtime.transport.spi.Link;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The client side shared by the floor and the Jackson baseline. In process, the two ends are an
 * {@link InProcessLink} pair whose server end answers on the sending thread (no thread hop at all). Across processes,
 * a blocking round trip writes the frame and reads the reply on the calling thread; pipelined and one-way bursts are
 * written with one flush and their replies read by a reader thread, which reads only while a burst is outstanding
 * (so that round trips, pipelined and one-way blocks can alternate on one client, as in {@code Interleaved}).
 */
abstract class RawClient implements BenchClient {
    private final Transport transport;
    private InProcessLink link;
    private ChildProcess child;
    private OutputStream out;
    private Frames.Reader reader;
    private Thread readerThread;
    /** Reply counts that the reader thread is to read up to, one per burst. */
    private final LinkedBlockingQueue<Long> bursts = new LinkedBlockingQueue<>();
    private final Completion completion = new Completion();
    private final HeaderCache headers = new HeaderCache();
    private volatile Object lastReply;

    RawClient(Transport transport, Responder inProcessServer, Class<?> serverMain) throws IOException {
        this.transport = transport;
        if (transport == Transport.INPROC) {
            InProcessLink[] pair = InProcessLink.pair("bench");
            InProcessLink server = pair[1];
            server.start(new Link.Listener() {
                @Override
                public void onFrame(byte[] frame) {
                    byte[] reply = inProcessServer.respond(frame, frame.length);
                    if (reply != null) {
                        try {
                            server.send(reply);
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }

                @Override
                public void onClose(Throwable cause) {
                    // nothing to release
                }
            });
            link = pair[0];
            link.start(new Link.Listener() {
                @Override
                public void onFrame(byte[] frame) {
                    lastReply = onReply(frame, frame.length);
                }

                @Override
                public void onClose(Throwable cause) {
                    // nothing to release
                }
            });
        } else {
            child = ChildProcess.launch(transport, serverMain);
            out = new BufferedOutputStream(child.endpoint().out(), 64 * 1024);
            reader = new Frames.Reader(child.endpoint().in());
        }
    }

    /** The body of the next echo request. */
    abstract byte[] request();

    /** The body of a one-way message. */
    abstract byte[] notification();

    /** The body of the next barrier request. */
    abstract byte[] barrier();

    /** Handles one reply body (valid only during the call); returns what the benchmark hands to its blackhole. */
    abstract Object onReply(byte[] body, int length);

    /** Checks a barrier's reply after {@code sent} one-way messages in all. */
    abstract void checkBarrier(Object reply, long sent);

    private long sent;

    @Override
    public Object roundTrip() throws IOException {
        if (link != null) {
            link.send(request());
            return lastReply;
        }
        write(request());
        out.flush();
        if (!reader.next()) {
            throw new IOException("the server closed the stream");
        }
        return onReply(reader.body(), reader.length());
    }

    @Override
    public Object pipelined(int window) throws IOException {
        if (link != null) {
            for (int i = 0; i < window; i++) {
                link.send(request());
            }
            return lastReply;
        }
        startReader();
        long goal = completion.expect(window);
        bursts.add(goal);
        for (int i = 0; i < window; i++) {
            write(request());
        }
        out.flush();
        completion.await(goal);
        return lastReply;
    }

    @Override
    public Object oneWay(int count) throws IOException {
        sent += count;
        if (link != null) {
            for (int i = 0; i < count; i++) {
                link.send(notification());
            }
            link.send(barrier());
            checkBarrier(lastReply, sent);
            return lastReply;
        }
        startReader();
        long goal = completion.expect(1);
        bursts.add(goal);
        for (int i = 0; i < count; i++) {
            write(notification());
        }
        write(barrier());
        out.flush();
        completion.await(goal);
        checkBarrier(lastReply, sent);
        return lastReply;
    }

    private void write(byte[] body) throws IOException {
        out.write(headers.header(body.length));
        out.write(body);
    }

    private void startReader() {
        if (readerThread != null) {
            return;
        }
        readerThread = new Thread(() -> {
            long replies = 0;
            try {
                while (true) {
                    long goal = bursts.take();
                    while (replies < goal) {
                        if (!reader.next()) {
                            throw new IOException("the server closed the stream");
                        }
                        lastReply = onReply(reader.body(), reader.length());
                        replies++;
                        completion.replied();
                    }
                }
            } catch (IOException | RuntimeException e) {
                completion.failed(e);
            } catch (InterruptedException e) {
                // closing
            }
        }, "bench-" + transport + "-reader");
        readerThread.setDaemon(true);
        readerThread.start();
    }

    @Override
    public final List<Long> processIds() {
        return child == null ? List.of() : List.of(child.process().pid());
    }

    @Override
    public void close() throws Exception {
        if (link != null) {
            link.close();
        } else {
            child.close();
            if (readerThread != null) {
                readerThread.interrupt();
                readerThread.join(5000);
            }
        }
    }
}
