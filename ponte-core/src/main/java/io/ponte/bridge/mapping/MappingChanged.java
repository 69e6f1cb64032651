package io.ponte.bridge.mapping;

/** A mapping was created, changed or removed (observed after the transaction commits). */
public record MappingChanged(long mappingId) {
}
