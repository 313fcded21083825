/** A consumer of Typed IPC on the module path. */
module com.example.notes {
    // Transitive: the generated NotesSender and NotesDispatcher are public in an exported package and name runtime
    // types (IpcPeer, IpcContext, ...) in their signatures.
    requires transitive io.typedipc.runtime;
    // The generated senders build their Jackson types (TypeFactory) at class initialisation.
    requires tools.jackson.databind;
    // @Channel is read at compile time only, @Generated (java.compiler) by tools only: static. Transitive because
    // both are @Documented annotations on exported types.
    requires static transitive io.typedipc.annotations;
    requires static transitive java.compiler;

    exports com.example.notes;
    exports com.example.notes.data;
    // Jackson binds the data types by reflection, Tag through its private field.
    opens com.example.notes.data to tools.jackson.databind;
}
