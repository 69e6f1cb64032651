package io.ponte.admin.api;

import io.ponte.sip.Extension;
import jakarta.ws.rs.NotFoundException;

/** Path parameters that name an extension: anything that is not one names no resource. */
final class PathExtensions {

    private PathExtensions() {
    }

    static Extension parseOrNotFound(String text) {
        try {
            return Extension.parse(text);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException(e.getMessage());
        }
    }
}
