/** A consumer of Typed IPC on the module path. */
module com.example.notes {
    // Transitive: the generated NotesSender and NotesDispatcher are public in an exported package and name runtime
    // types (IpcPeer, IpcContext, ...) in their signatures.
    requires transitive io.typedipc.runtime;
    // No "requires tools.jackson.databind": the runtime requires it transitively (the generated senders build their
    // Jackson types with TypeFactory at class initialisation).
    // @Channel is read at compile time only, @Generated (java.compiler) by tools only: static. Transitive because
    // both are @Documented annotations on exported types.
    requires static transitive io.typedipc.annotations;
    requires static transitive java.compiler;

    exports com.example.notes;
    exports com.example.notes.data;
    // Jackson binds the data types by reflection, Tag through its private field.
    opens com.example.notes.data to tools.jackson.databind;
}
