package io.typedipc.processor;

import static io.typedipc.processor.Compilations.compileCleanly;
import static io.typedipc.processor.Compilations.loader;
import static io.typedipc.processor.Compilations.source;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;

/**
 * Generated classes are exactly as visible as their interface: a package-private interface (or a public one nested in a
 * package-private class) must not leak a public sender or dispatcher (which would export a type nobody outside the package can name), and a public one must give
 * public classes other packages can use.
 */
class VisibilityTest {

    @Test
    void aPackagePrivateInterfaceGetsPackagePrivateClasses() throws Exception {
        Compilation compilation = compileCleanly(source("hidden.Local", """
                package hidden;
                @io.typedipc.Channel("local")
                interface Local {
                    String echo(String text);
                    void tell(String text);
                }
                """), source("hidden.Holder", """
                package hidden;
                class Holder {
                    /** Public, but reachable only inside the package through its package-private holder. */
                    @io.typedipc.Channel("held")
                    public interface Held {
                        String echo(String text);
                    }
                }
                """));
        ClassLoader classes = loader(compilation);
        String[] generated = {
            "hidden.LocalSender", "hidden.LocalDispatcher", "hidden.Holder_HeldSender", "hidden.Holder_HeldDispatcher"
        };
        for (String name : generated) {
            int modifiers = classes.loadClass(name).getModifiers();
            assertFalse(Modifier.isPublic(modifiers), name + " must not be public");
            assertTrue(Modifier.isFinal(modifiers), name + " must be final");
        }
    }

    @Test
    void aPublicInterfaceGetsPublicClasses() throws Exception {
        Compilation compilation = compileCleanly(source("open.Shared", """
                package open;
                @io.typedipc.Channel("shared")
                public interface Shared {
                    String echo(String text);
                }
                """));
        ClassLoader classes = loader(compilation);
        for (String name : new String[] {"open.SharedSender", "open.SharedDispatcher"}) {
            int modifiers = classes.loadClass(name).getModifiers();
            assertTrue(Modifier.isPublic(modifiers), name + " must be public");
            assertTrue(Modifier.isFinal(modifiers), name + " must be final");
        }
    }
}
