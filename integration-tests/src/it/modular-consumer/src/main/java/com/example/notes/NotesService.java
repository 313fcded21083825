package com.example.notes;

import com.example.notes.data.Note;
import com.example.notes.data.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Main's implementation; it runs on main's dispatch thread, one message at a time, so it needs no locks. */
public final class NotesService implements Notes {
    private final List<Note> notes = new ArrayList<>();

    /** An empty store. */
    public NotesService() {}

    @Override
    public Note add(String title, List<Tag> tags) {
        Note note = new Note(notes.size() + 1, title, List.copyOf(tags));
        notes.add(note);
        return note;
    }

    @Override
    public CompletableFuture<List<Note>> list() {
        return CompletableFuture.completedFuture(List.copyOf(notes));
    }

    @Override
    public void clear() {
        notes.clear();
    }
}
