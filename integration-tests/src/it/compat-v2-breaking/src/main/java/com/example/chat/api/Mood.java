package com.example.chat.api;

public enum Mood { HAPPY, SAD }
