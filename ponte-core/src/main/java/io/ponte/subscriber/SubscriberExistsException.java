package io.ponte.subscriber;

import io.ponte.sip.Extension;

/** The extension is already provisioned. */
public class SubscriberExistsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SubscriberExistsException(Extension extension) {
        super("extension " + extension + " already exists");
    }
}
