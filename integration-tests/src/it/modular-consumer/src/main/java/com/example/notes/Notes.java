package com.example.notes;

import com.example.notes.data.Note;
import com.example.notes.data.Tag;
import io.typedipc.Channel;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A modular consumer's channels: one of each shape, with data types in a package of their own. */
@Channel("notes")
public interface Notes {

    /** Blocking: the note as stored, with its id. */
    Note add(String title, List<Tag> tags);

    /** Asynchronous: every note so far. */
    CompletableFuture<List<Note>> list();

    /** One-way. */
    void clear();
}
