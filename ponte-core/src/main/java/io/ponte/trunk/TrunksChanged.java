package io.ponte.trunk;

/** A trunk was created, changed or deleted; observed after the transaction commits. */
public record TrunksChanged(long trunkId) {
}
