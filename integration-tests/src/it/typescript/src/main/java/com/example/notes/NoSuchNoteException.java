package com.example.notes;

public class NoSuchNoteException extends Exception {
    private static final long serialVersionUID = 1L;

    public NoSuchNoteException(String message) {
        super(message);
    }
}
