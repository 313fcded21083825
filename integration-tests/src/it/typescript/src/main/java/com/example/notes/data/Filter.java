package com.example.notes.data;

import java.util.Map;
import java.util.Optional;

public record Filter(Optional<String> text, Map<String, Boolean> flags) {}
