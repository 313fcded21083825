package com.example.notes.data;

import java.util.List;

public record Page<T>(List<T> items, int total) {}
