package io.ponte.sip.call;

import java.util.List;
import java.util.Optional;

import io.ponte.auth.digest.DigestAuthenticator;
import io.ponte.auth.digest.DigestAuthenticator.Decision;
import io.ponte.auth.digest.DigestSetup;
import io.ponte.call.CallRouting;
import io.ponte.call.Calls;
import io.ponte.sip.Extension;
import io.ponte.stats.SipStatistics;
import io.ponte.subscriber.SubscriberDirectory;
import io.ponte.subscriber.SubscriberDirectory.Credentials;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/** What the call servlet needs from the EE side: caller authentication, routing, and where calls start. */
@Stateless
@LocalBean
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CallFacade {

    /** How an INVITE's credentials stand. {@code challenges} is set for 407, {@code reason} for 403/404. */
    public record CallerCheck(int status, String reason, List<String> challenges) {
        public boolean accepted() {
            return status == 0;
        }
    }

    @Inject
    SubscriberDirectory directory;

    @Inject
    DigestSetup digest;

    @Inject
    CallRouting routing;

    @Inject
    SipStatistics statistics;

    @Inject
    Calls calls;

    @Inject
    io.ponte.config.PonteSettings settings;

    /** Checks the Proxy-Authorization of an INVITE from {@code callerUser} (RFC 3261 section 22.3). */
    public CallerCheck checkCaller(String callerUser, String proxyAuthorization) {
        Optional<Credentials> caller;
        try {
            caller = directory.find(Extension.parse(callerUser));
        } catch (IllegalArgumentException e) {
            caller = Optional.empty();
        }
        if (caller.isEmpty()) {
            return new CallerCheck(403, "Forbidden (caller is not a subscriber)", List.of());
        }
        DigestAuthenticator auth = digest.authenticator();
        List<io.ponte.auth.digest.DigestAlgorithm> offered = auth.offeredTo(caller.get().digestAlgorithms());
        Decision d = auth.authenticate("INVITE", proxyAuthorization, new DigestAuthenticator.StoredSecret(
                caller.get().extension(), caller.get().ha1Md5(), caller.get().ha1Sha256()), offered);
        if (d instanceof Decision.Accepted) {
            return new CallerCheck(0, null, List.of());
        }
        if (d instanceof Decision.Challenge c) {
            return new CallerCheck(407, "Proxy Authentication Required", auth.challenges(c.stale(), offered));
        }
        statistics.authFailed();
        return d instanceof Decision.Malformed m ? new CallerCheck(400, m.why(), List.of())
                : new CallerCheck(403, "Forbidden (" + ((Decision.Forbidden) d).why() + ")", List.of());
    }

    public CallRouting.Route route(String targetUser) {
        return routing.route(targetUser);
    }

    /** Where calls start, wired to the media anchor, the live view and the call records. */
    public Calls calls() {
        return calls;
    }

    public int ringTimeoutSeconds() {
        return settings.ringTimeoutSeconds();
    }
}
