package io.ponte.admin.api;

import java.time.Instant;
import java.util.List;

import io.ponte.registrar.RegisterOutcome.BoundContact;
import io.ponte.registrar.RegistrationBinding;
import io.ponte.subscriber.SubscriberService.SubscriberState;

/** The JSON shapes the API answers with. Never a password or hash. */
public final class Views {

    private Views() {
    }

    public record Contact(String uri, long expiresIn, Double q) {
        static Contact of(BoundContact b) {
            return new Contact(b.uri(), b.expiresInSeconds(), b.q());
        }
    }

    public record User(String extension, String displayName, boolean registered, List<Contact> contacts,
                       Instant createdAt, Instant updatedAt) {
        static User of(SubscriberState s) {
            return new User(s.subscriber().getExtension(), s.subscriber().getDisplayName(), s.registered(),
                    s.contacts().stream().map(Contact::of).toList(), s.subscriber().getCreatedAt(),
                    s.subscriber().getUpdatedAt());
        }
    }

    public record Registration(String extension, String contact, long expiresIn, Instant expiresAt,
                               String userAgent, String source, Instant registeredAt) {
        static Registration of(RegistrationBinding b, Instant now) {
            return new Registration(b.getSubscriber().getExtension(), b.getContactUri(),
                    Math.max(0, b.getExpiresAt().getEpochSecond() - now.getEpochSecond()), b.getExpiresAt(),
                    b.getUserAgent(), b.getSourceAddress(), b.getRegisteredAt());
        }
    }

    public record Extensions(int min, int max, List<String> provisioned, List<String> registered) {
    }

    public record Statistics(long uptimeSeconds, Instant startedAt, long subscribers, long registeredUsers,
                             long activeBindings, java.util.Map<String, Long> sipRequests,
                             java.util.Map<Integer, Long> sipResponses, long authFailures) {
    }

    public record Health(String status, boolean sip, boolean database, boolean rtpengine) {
    }
}
