package com.example.notes.data;

import java.time.Instant;
import java.util.List;
import java.util.Set;

public record Note(String id, String text, Set<Tag> tags, Instant created, List<Block> blocks, Colour colour) {}
