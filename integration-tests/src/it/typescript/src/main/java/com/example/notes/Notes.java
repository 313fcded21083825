package com.example.notes;

import com.example.notes.data.Filter;
import com.example.notes.data.Note;
import com.example.notes.data.Page;
import com.example.notes.data.Tag;
import io.typedipc.Channel;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Main's notes service, as a JavaScript renderer calls it. */
@Channel("notes")
public interface Notes {
    Note get(String id) throws NoSuchNoteException;

    CompletableFuture<Page<Note>> find(Filter filter, int page);

    @Channel(value = "save", deadlineMillis = 10_000)
    Note save(Note note, Optional<byte[]> attachment) throws NoSuchNoteException, ReadOnlyException;

    Map<String, List<Tag>> tagsByFolder();

    CompletableFuture<Void> compact();

    void touch(String id, long at);

    /** A legacy record with the same simple name as the new one. */
    com.example.notes.legacy.Note legacy(String id);
}
