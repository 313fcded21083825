package io.typedipc.processor;

/**
 * The stable tag of every error the processor reports. The tag starts the message ({@code [TypedIpcBadId] ...}), so
 * users and tools can search for it and the wording around it may improve without breaking anyone. Each tag is
 * documented, with an example, in docs/channels.md.
 */
enum ErrorTag {
    BAD_ID("TypedIpcBadId"),
    BAD_DEADLINE("TypedIpcBadDeadline"),
    MISSING_PACKAGE("TypedIpcMissingPackage"),
    SINGLE_CHANNEL("TypedIpcSingleChannel"),
    DUPLICATE_ID("TypedIpcDuplicateId"),
    DUPLICATE_ID_IN_COMPILATION("TypedIpcDuplicateIdInCompilation"),
    OVERLOAD_SHARES_ID("TypedIpcOverloadSharesId"),
    GENERIC_METHOD("TypedIpcGenericMethod"),
    GENERIC_INTERFACE("TypedIpcGenericInterface"),
    NOT_AN_INTERFACE("TypedIpcNotAnInterface"),
    NOT_ACCESSIBLE("TypedIpcNotAccessible"),
    CONCRETE_METHOD("TypedIpcConcreteMethod"),
    NOT_DATA("TypedIpcNotData"),
    RAW_TYPE("TypedIpcRawType"),
    BAD_FUTURE("TypedIpcBadFuture"),
    BAD_EXCEPTION("TypedIpcBadException"),
    ONE_WAY_THROWS("TypedIpcOneWayThrows"),
    RESERVED_NAME("TypedIpcReservedName"),
    UNRESOLVED_TYPE("TypedIpcUnresolvedType"),
    CANNOT_WRITE("TypedIpcCannotWrite"),
    INTERNAL_ERROR("TypedIpcInternalError");

    private final String tag;

    ErrorTag(String tag) {
        this.tag = tag;
    }

    /** The tag as it appears in messages, with its brackets. */
    String bracketed() {
        return "[" + tag + "]";
    }

    String tag() {
        return tag;
    }
}
