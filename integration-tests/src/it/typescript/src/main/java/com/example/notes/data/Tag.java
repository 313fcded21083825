package com.example.notes.data;

public record Tag(String name, int uses) {}
