package com.example.notes.data;

import java.util.List;

/** A stored note. */
public record Note(int id, String title, List<Tag> tags) {}
