package io.typedipc.processor;

import javax.lang.model.type.TypeMirror;

/** One parameter of a channel method: its source name (kept on the wire descriptor), its type and its JSON shape. */
record ChannelParameter(String name, TypeMirror type, JsonShape shape) {}
