/**
 * The {@link io.typedipc.Channel @Channel} annotation. It is read by the annotation processor at compile time
 * ({@code CLASS} retention) and never at run time, so a modular consumer may declare
 * {@code requires static io.typedipc.annotations}.
 */
module io.typedipc.annotations {
    exports io.typedipc;
}
