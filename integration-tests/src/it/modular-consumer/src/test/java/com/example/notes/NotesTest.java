package com.example.notes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.notes.data.Note;
import com.example.notes.data.Tag;
import io.typedipc.runtime.IpcMain;
import io.typedipc.runtime.IpcRenderer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NotesTest {

    @Test
    void runsOnTheModulePath() {
        assertTrue(Notes.class.getModule().isNamed(), "the consumer's classes are in their module");
        assertEquals("io.typedipc.runtime", IpcMain.class.getModule().getName());
    }

    @Test
    void generatedSenderAndDispatcherWorkInAModule() throws Exception {
        try (IpcMain main = IpcMain.create()) {
            NotesDispatcher.register(main, new NotesService());
            try (IpcRenderer panel = IpcRenderer.connectInProcess(main, "notes-panel")) {
                Notes notes = new NotesSender(panel);

                Note first = notes.add("groceries", List.of(new Tag("home"), new Tag("today")));
                assertEquals(1, first.id());
                assertEquals(List.of("home", "today"), first.tags().stream().map(Tag::getLabel).toList());
                notes.add("taxes", List.of());
                List<Note> all = notes.list().get(10, TimeUnit.SECONDS);
                assertEquals(List.of("groceries", "taxes"), all.stream().map(Note::title).toList());

                notes.clear();
                assertEquals(List.of(), notes.list().get(10, TimeUnit.SECONDS));
            }
        }
    }
}
