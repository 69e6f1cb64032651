package io.ponte.registrar;

import io.ponte.events.EventJournal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;

/**
 * Tells the live stream when a subscriber's bindings change: {@code registration.added} (a contact that
 * was not bound), {@code registration.removed} (unregistered, or dropped over REST) and
 * {@code registration.expired} (its time ran out). Refreshes of a bound contact change nothing and are not told.
 */
@ApplicationScoped
public class RegistrationEvents {

    @Inject
    EventJournal journal;

    void changed(RegisterRequest request, BindingStore.Applied applied) {
        for (String contact : applied.added()) {
            long expires = applied.live().stream().filter(b -> b.uri().equals(contact))
                    .mapToLong(RegisterOutcome.BoundContact::expiresInSeconds).findFirst().orElse(0);
            JsonObjectBuilder b = binding(request.aor().user(), contact).add("expiresSeconds", expires);
            optional(b, "source", request.source());
            optional(b, "transport", request.transport());
            optional(b, "userAgent", request.userAgent());
            publish("registration.added", b);
        }
        applied.removed().forEach(contact -> removed(request.aor().user(), contact));
    }

    void removed(String extension, String contact) {
        publish("registration.removed", binding(extension, contact));
    }

    void expired(String extension, String contact) {
        publish("registration.expired", binding(extension, contact));
    }

    private static void optional(JsonObjectBuilder b, String name, String value) {
        if (value != null) {
            b.add(name, value);
        }
    }

    private static JsonObjectBuilder binding(String extension, String contact) {
        return Json.createObjectBuilder().add("extension", extension).add("contact", contact);
    }

    private void publish(String type, JsonObjectBuilder registration) {
        journal.publish(type, Json.createObjectBuilder().add("registration", registration).build());
    }
}
