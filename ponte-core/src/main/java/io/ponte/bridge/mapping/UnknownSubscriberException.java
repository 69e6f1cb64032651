package io.ponte.bridge.mapping;

/** A mapping names an extension that no subscriber has. */
public class UnknownSubscriberException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnknownSubscriberException(String extension) {
        super("no subscriber has extension " + extension);
    }
}
