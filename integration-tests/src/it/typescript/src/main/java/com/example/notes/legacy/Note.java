package com.example.notes.legacy;

public record Note(String title) {}
