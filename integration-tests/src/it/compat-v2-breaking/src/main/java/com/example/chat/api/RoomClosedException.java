package com.example.chat.api;

public class RoomClosedException extends Exception {
    private static final long serialVersionUID = 1L;

    public RoomClosedException(String message) {
        super(message);
    }
}
