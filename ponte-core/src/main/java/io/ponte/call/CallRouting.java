package io.ponte.call;

import java.util.List;
import java.util.Optional;

import io.ponte.bridge.mapping.BridgeIdentity;
import io.ponte.bridge.mapping.MappingService;
import io.ponte.config.PonteSettings;
import io.ponte.registrar.BindingStore;
import io.ponte.registrar.RegisterOutcome.BoundContact;
import io.ponte.sip.Extension;
import io.ponte.sip.SipStatus;
import io.ponte.subscriber.SubscriberDirectory;
import io.ponte.subscriber.SubscriberDirectory.Credentials;
import io.ponte.trunk.TrunkDirectory;
import io.ponte.trunk.TrunkLine;
import io.ponte.trunk.TrunkLines;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Where a call to an extension goes: its registered phones; the ConnectyCube app of a mapped subscriber
 * when no phone of it is registered; or why it cannot go anywhere. Dialing {@value #APP_PREFIX} before a
 * mapped extension rings its app even when phones are registered. A subscriber's call to a number that is
 * no subscriber goes out through the trunk whose dial plan carries it; a call that came in from a trunk
 * goes to the extension its called number maps to, and never out again (no trunk-to-trunk hairpin).
 */
@ApplicationScoped
public class CallRouting {

    /** The outcome of routing a call. */
    public sealed interface Route {
        /** The name of the trunk the call goes out through, or null when it does not leave through one. */
        default String trunkName() {
            return null;
        }

        /** Ring these contacts (highest q first). */
        record Contacts(String extension, List<String> uris) implements Route {
        }

        /** Ring the ConnectyCube app user that {@code identity} maps the dialed extension to. */
        record App(BridgeIdentity identity) implements Route {
        }

        /** Send the call out through a trunk, to {@code outbound.number()}. */
        record Trunk(TrunkLines.Outbound outbound) implements Route {
            @Override
            public String trunkName() {
                return outbound.line().name();
            }
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

    @Inject
    MappingService mappings;

    @Inject
    TrunkDirectory trunks;

    /** Dialed before an extension: ring the subscriber's ConnectyCube app, not its phones. */
    public static final String APP_PREFIX = "*";

    /** Where a subscriber's call to {@code targetUser} goes: phones, the app, a trunk, or nowhere. */
    public Route route(String targetUser) {
        return orTrunk(route(targetUser, true), targetUser);
    }

    /** Where a call that Ponte places to {@code target} goes (click-to-call, a transfer): an extension's phones, or a trunk. */
    public Route routePlaced(String target) {
        return orTrunk(route(target, false), target);
    }

    /** {@code local}, unless no subscriber has {@code target} and a trunk's dial plan carries it. */
    private Route orTrunk(Route local, String target) {
        if (local instanceof Route.Reject reject && reject.status() == SipStatus.NOT_FOUND) {
            return trunks.lines().outbound(target).<Route>map(Route.Trunk::new).orElse(local);
        }
        return local;
    }

    /** The trunk that a request from {@code address:port} over {@code transport} came from, if any. */
    public Optional<TrunkLine> trunkAt(String address, int port, String transport) {
        java.net.InetAddress literal = io.ponte.security.Cidr.literal(address);
        return literal == null ? Optional.empty() : trunks.lines().from(literal.getAddress(), port, transport);
    }

    /**
     * Where a call that came in from {@code trunk} for {@code called} goes: the extension it maps to, its
     * phones, and its app as for a subscriber's call when the trunk names whose identity calls apps.
     */
    public Route routeFromTrunk(TrunkLine trunk, String called) {
        boolean apps = trunk.plan().appCaller() != null;
        return trunk.plan().inboundTarget(called).map(target -> route(target, apps))
                .orElse(new Route.Reject(SipStatus.NOT_FOUND, "Not Found"));
    }

    /** Where an app user's call to subscriber {@code extension} goes: only ever to its phones. */
    public Route routePhones(String extension) {
        return route(extension, false);
    }

    private Route route(String targetUser, boolean apps) {
        boolean appOnly = targetUser != null && targetUser.startsWith(APP_PREFIX);
        Extension extension;
        try {
            extension = Extension.parse(appOnly ? targetUser.substring(APP_PREFIX.length()) : targetUser);
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
        if (appOnly) {
            return (apps ? app(extension) : Optional.<Route>empty()).orElse(new Route.Reject(SipStatus.NOT_FOUND, "Not Found"));
        }
        List<BoundContact> live = bindings.live(callee.get().id());
        if (live.isEmpty()) {
            return (apps ? app(extension) : Optional.<Route>empty()).orElse(new Route.Reject(SipStatus.TEMPORARILY_UNAVAILABLE, "Temporarily Unavailable"));
        }
        List<String> uris = live.stream()
                .sorted((a, b) -> Double.compare(b.q() == null ? 1.0 : b.q(), a.q() == null ? 1.0 : a.q()))
                .map(BoundContact::uri).toList();
        return new Route.Contacts(extension.value(), uris);
    }

    private Optional<Route> app(Extension extension) {
        return mappings.identityOfExtension(extension).map(Route.App::new);
    }
}
