package com.example.notes;

import com.example.notes.data.Note;
import io.typedipc.Channel;
import java.util.concurrent.CompletableFuture;

/** What the JavaScript renderer serves for main. */
@Channel("notes-panel")
public interface NotesPanel {
    CompletableFuture<String> selection() throws ReadOnlyException;

    void show(Note note);
}
