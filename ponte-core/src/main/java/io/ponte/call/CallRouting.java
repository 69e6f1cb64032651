package io.ponte.call;

import java.util.List;
import java.util.Optional;

import io.ponte.config.PonteSettings;
import io.ponte.registrar.BindingStore;
import io.ponte.registrar.RegisterOutcome.BoundContact;
import io.ponte.sip.Extension;
import io.ponte.sip.SipStatus;
import io.ponte.subscriber.SubscriberDirectory;
import io.ponte.subscriber.SubscriberDirectory.Credentials;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Where a call to an extension goes: its registered contacts, or why it cannot go anywhere. */
@ApplicationScoped
public class CallRouting {

    /** The outcome of routing a call. */
    public sealed interface Route {
        /** Ring these contacts (highest q first). */
        record Contacts(String extension, List<String> uris) implements Route {
        }

        /** Answer the caller with this final status. */
        record Reject(int status, String reason) implements Route {
        }
    }

    @Inject
    PonteSettings settings;

    @Inject
    SubscriberDirectory directory;

    @Inject
    BindingStore bindings;

    public Route route(String targetUser) {
        Extension extension;
        try {
            extension = Extension.parse(targetUser);
        } catch (IllegalArgumentException e) {
            return new Route.Reject(SipStatus.NOT_FOUND, "Not Found");
        }
        if (!settings.inExtensionRange(extension.number())) {
            return new Route.Reject(SipStatus.NOT_FOUND, "Not Found");
        }
        Optional<Credentials> callee = directory.find(extension);
        if (callee.isEmpty()) {
            return new Route.Reject(SipStatus.NOT_FOUND, "Not Found");
        }
        List<BoundContact> live = bindings.live(callee.get().id());
        if (live.isEmpty()) {
            return new Route.Reject(SipStatus.TEMPORARILY_UNAVAILABLE, "Temporarily Unavailable");
        }
        List<String> uris = live.stream()
                .sorted((a, b) -> Double.compare(b.q() == null ? 1.0 : b.q(), a.q() == null ? 1.0 : a.q()))
                .map(BoundContact::uri).toList();
        return new Route.Contacts(extension.value(), uris);
    }
}
