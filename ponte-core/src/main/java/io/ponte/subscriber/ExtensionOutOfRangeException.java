package io.ponte.subscriber;

import io.ponte.sip.Extension;

/** The extension lies outside the configured range. */
public class ExtensionOutOfRangeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ExtensionOutOfRangeException(Extension extension, int min, int max) {
        super("extension " + extension + " is outside the range " + min + "-" + max);
    }
}
