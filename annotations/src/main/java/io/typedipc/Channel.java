package io.typedipc;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a typed IPC channel, or a package of them.
 *
 * <p>Channel ids follow the Electron / Cocos Creator convention {@code "package:action"}: each part is lower-case
 * words joined by {@code -}, and the package part may also contain dots ({@code "my.pkg:do-thing"}).
 *
 * <p>On an interface, {@code @Channel("asset-db")} names the package of every method; a method's action is its own
 * {@code @Channel("action")}, or else its name in kebab-case ({@code queryAssets} becomes {@code query-assets}). An
 * interface annotated with a full id, {@code @Channel("asset-db:refresh")}, is a single-channel interface.
 *
 * <pre>{@code
 * @Channel("asset-db")
 * public interface AssetDb {
 *     @Channel("query-info") AssetInfo queryInfo(String uuid);        // blocking request
 *     CompletableFuture<List<AssetInfo>> queryAssets(String glob);   // async request, id "asset-db:query-assets"
 *     void refresh(String url);                                       // one-way message, id "asset-db:refresh"
 * }
 * }</pre>
 *
 * <p>The annotation processor ({@code typed-ipc-processor}) generates {@code AssetDbSender}, which implements the
 * interface by sending messages, and {@code AssetDbDispatcher}, which serves an implementation of it. The method's
 * shape decides the kind of message: {@code void} is a one-way message, a plain return type is a blocking request,
 * and {@code CompletableFuture<T>} or {@code CompletionStage<T>} is an asynchronous request.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Channel {

    /** The channel id ({@code "pkg:action"}), the package ({@code "pkg"}) on an interface, or the action on a method. */
    String value();

    /**
     * How long a request on this channel may take before the caller gets a timeout, in milliseconds. On an interface
     * it applies to every method that does not set its own. {@code 0}, the default, means the runtime's default
     * deadline; a sender's own deadline ({@code withDeadline}) overrides both.
     */
    long deadlineMillis() default 0;
}
