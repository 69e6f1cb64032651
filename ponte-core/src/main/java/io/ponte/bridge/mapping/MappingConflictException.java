package io.ponte.bridge.mapping;

/** The extension, or the ConnectyCube user, is already mapped. {@code field} names which. */
public class MappingConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final String field;

    public MappingConflictException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
