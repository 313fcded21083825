package com.example.chat.api;

public record Message(String room, String author, String text, Mood mood) {}
