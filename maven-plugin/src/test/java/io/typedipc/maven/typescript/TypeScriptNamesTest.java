package io.typedipc.maven.typescript;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class TypeScriptNamesTest {

    @Test
    void simpleNamesWhenUnique() {
        TypeScriptNames names = new TypeScriptNames(Set.of("a.b.Note", "a.b.Outer.Inner", "m.Page<m.Item>",
                "m.Page<java.util.List<m.Item>>", "m.Box<java.util.Map<java.lang.String, m.Item>>"),
                Set.of("a.b.Outer$Missing"), Set.of("a.b.Notes"));
        assertEquals("Note", names.type("a.b.Note"));
        assertEquals("Inner", names.type("a.b.Outer.Inner"));
        assertEquals("Page_Item", names.type("m.Page<m.Item>"));
        assertEquals("Page_List_Item", names.type("m.Page<java.util.List<m.Item>>"));
        assertEquals("Box_Map_String_Item", names.type("m.Box<java.util.Map<java.lang.String, m.Item>>"));
        assertEquals("Missing", names.error("a.b.Outer$Missing"));
        assertEquals("Notes", names.channelInterface("a.b.Notes"));
    }

    @Test
    void clashesAreQualifiedWithThePackage() {
        TypeScriptNames names = new TypeScriptNames(Set.of("a.Note", "b.Note", "c.Unique"), Set.of(), Set.of());
        assertEquals("a_Note", names.type("a.Note"));
        assertEquals("b_Note", names.type("b.Note"));
        assertEquals("Unique", names.type("c.Unique"));
    }

    @Test
    void aTypeNamedLikeAHandlerOrAnErrorOrSomethingTheFileUsesIsQualified() {
        TypeScriptNames names = new TypeScriptNames(Set.of("a.NotesHandler", "a.Promise", "a.Peer", "a.Busy"),
                Set.of("b.Busy"), Set.of("a.Notes"));
        assertEquals("a_NotesHandler", names.type("a.NotesHandler"));
        assertEquals("Notes", names.channelInterface("a.Notes")); // interfaces are named first: the type moves
        assertEquals("a_Promise", names.type("a.Promise"));
        assertEquals("a_Peer", names.type("a.Peer"));
        assertEquals("a_Busy", names.type("a.Busy")); // and then exceptions
        assertEquals("Busy", names.error("b.Busy"));
    }

    @Test
    void whatPackagesCannotTellApartIsSpelledOutThenNumbered() {
        TypeScriptNames names = new TypeScriptNames(Set.of("m.Page<a.Item>", "m.Page<b.Item>", "a_b.C", "a.b.C"),
                Set.of(), Set.of());
        assertEquals("m_Page_a_Item", names.type("m.Page<a.Item>"));
        assertEquals("m_Page_b_Item", names.type("m.Page<b.Item>"));
        assertEquals("_0_a_b_C", names.type("a.b.C"));
        assertEquals("_1_a_b_C", names.type("a_b.C"));
    }

    @Test
    void identifiers() {
        assertEquals("a_b", TypeScriptNames.identifier("a.b"));
        assertEquals("_1x", TypeScriptNames.identifier("1x"));
        assertEquals("Outer_Inner", TypeScriptNames.identifier("Outer$Inner"));
        assertEquals("ünï", TypeScriptNames.identifier("ünï"));
    }
}
