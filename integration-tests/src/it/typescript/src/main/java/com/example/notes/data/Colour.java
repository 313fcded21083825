package com.example.notes.data;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum Colour { RED, @JsonProperty("light-blue") LIGHT_BLUE }
