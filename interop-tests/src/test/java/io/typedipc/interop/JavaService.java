package io.typedipc.interop;

import io.typedipc.Channel;
import java.util.concurrent.CompletableFuture;

/** Channels Java serves and the Node.js peer calls: every shape, a declared error, a cancellable request. */
@Channel("interop")
public interface JavaService {
    /** One-way: {@code interop:note}. */
    void note(String text);

    /** Blocking: {@code interop:add}. */
    int add(int a, int b);

    /** Asynchronous: {@code interop:upper}. */
    CompletableFuture<String> upper(String text);

    /** Takes a record; the peer sends it by name: {@code interop:move}. */
    Point move(Point p, int dx, int dy);

    /**
     * A channel whose only parameter is a record: a peer may send the record itself as {@code params} (as LSP4J and
     * vscode-jsonrpc do by default), or by position, or by name: {@code interop:mirror}.
     */
    Point mirror(Point p);

    /** Fails with a declared exception for names with spaces: {@code interop:check-name}. */
    String checkName(String name) throws BadNameException;

    /** Blocks main's dispatch thread until the test lets it go, then answers "held " + tag: {@code interop:hold}. */
    String hold(String tag);

    /** Never completes by itself; the peer cancels it: {@code interop:wait-for-cancel}. */
    CompletableFuture<String> waitForCancel(String tag);
}
