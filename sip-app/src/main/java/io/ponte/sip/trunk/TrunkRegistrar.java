package io.ponte.sip.trunk;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.servlet.ServletException;
import javax.servlet.sip.Address;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.SipURI;

import io.ponte.sip.SipMethods;
import io.ponte.trunk.Trunk;
import io.ponte.trunk.TrunkRegistrations;
import io.ponte.trunk.TrunkRegistrations.State;
import io.ponte.trunk.TrunkService.Credentials;

/**
 * Ponte registering to its trunks as a UAC (RFC 3261 section 10.2): one REGISTER dialog-less session per
 * trunk, the same Call-ID and increasing CSeq for every refresh, a digest challenge answered once per
 * request with the trunk's credentials, refreshed when a fifth of the granted time is left (at least
 * 5 s), Expires: 0 when the trunk is deleted or stops registering. Each node registers its own contact;
 * how it stands is written to {@link TrunkRegistrations} for the API.
 */
public final class TrunkRegistrar {

    private static final Logger LOG = Logger.getLogger(TrunkRegistrar.class.getName());
    /** The request attribute carrying the binding a REGISTER is for. */
    static final String BINDING = "ponte.trunk-binding";
    private static final Duration RETRY = Duration.ofSeconds(30);

    private final SipFactory factory;
    private final TrunkRegistrations store;
    private final String node;
    private final String contactHost;
    private final int port;
    private final int tlsPort;
    private final Clock clock = Clock.systemUTC();
    private final Map<Long, Binding> bindings = new ConcurrentHashMap<>();

    /** One trunk's registration from this node. */
    static final class Binding {
        final TrunkRegistrar registrar;
        final Trunk trunk;
        final String password;
        volatile SipSession session;
        volatile Instant refreshAt = Instant.EPOCH;
        volatile int expires;
        volatile boolean leaving;

        Binding(TrunkRegistrar registrar, Credentials c) {
            this.registrar = registrar;
            this.trunk = c.trunk();
            this.password = c.password();
            this.expires = c.trunk().getRegisterExpires();
        }
    }

    public TrunkRegistrar(SipFactory factory, TrunkRegistrations store, String node, String contactHost, int port, int tlsPort) {
        this.factory = factory;
        this.store = store;
        this.node = node;
        this.contactHost = contactHost;
        this.port = port;
        this.tlsPort = tlsPort;
    }

    /**
     * Brings the registrations in line with {@code wanted} (the trunks that register, as stored now):
     * new or changed trunks register, those due refresh, the others are unregistered.
     */
    public void sync(List<Credentials> wanted) {
        Instant now = clock.instant();
        Set<Long> keep = new HashSet<>();
        for (Credentials c : wanted) {
            long id = c.trunk().getId();
            keep.add(id);
            Binding b = bindings.get(id);
            if (b != null && !b.trunk.getUpdatedAt().equals(c.trunk().getUpdatedAt())) {
                leave(b); // changed: unregister the old contact, register afresh
                b = null;
            }
            if (b == null) {
                b = new Binding(this, c);
                bindings.put(id, b);
                store.save(id, node, State.REGISTERING, null, null, null);
                send(b, b.expires);
            } else if (!now.isBefore(b.refreshAt)) {
                send(b, b.expires);
            }
        }
        for (Binding b : List.copyOf(bindings.values())) {
            if (!keep.contains(b.trunk.getId())) {
                leave(b);
            }
        }
    }

    /** Unregisters every trunk (undeploy). */
    public void stop() {
        List.copyOf(bindings.values()).forEach(this::leave);
    }

    private void leave(Binding b) {
        bindings.remove(b.trunk.getId(), b);
        b.leaving = true;
        if (b.session != null) {
            send(b, 0);
        }
    }

    private void send(Binding b, int expires) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(TrunkRegistrar.class.getClassLoader());
        try {
            SipServletRequest register = newRegister(b);
            register.setHeader("Contact", "<" + contact(b.trunk) + ">");
            register.setExpires(expires);
            register.setAttribute(BINDING, b);
            b.refreshAt = clock.instant().plus(RETRY); // unless an answer says otherwise
            register.send();
        } catch (IOException | ServletException | RuntimeException e) {
            LOG.log(Level.WARNING, "REGISTER to trunk " + b.trunk.getName() + " not sent", e);
            store.save(b.trunk.getId(), node, State.FAILED, null, "not sent: " + e.getMessage(), null);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** The first REGISTER of a binding opens its session; refreshes reuse it (same Call-ID, next CSeq). */
    private SipServletRequest newRegister(Binding b) throws ServletException {
        SipSession s = b.session;
        if (s != null && s.isValid()) {
            return s.createRequest(SipMethods.REGISTER);
        }
        Trunk t = b.trunk;
        SipApplicationSession sas = factory.createApplicationSession();
        Address aor = factory.createAddress(factory.createSipURI(t.getUsername(), t.getHost()));
        SipServletRequest register = factory.createRequest(sas, SipMethods.REGISTER, aor, aor);
        SipURI registrar = factory.createSipURI(null, t.getHost());
        registrar.setPort(t.getPort());
        registrar.setTransportParam(t.getTransport());
        register.setRequestURI(registrar);
        register.getSession().setHandler(TrunkRegistrationServlet.NAME);
        // kept between refreshes (same Call-ID, next CSeq); invalidated when the trunk is left
        register.getSession().setInvalidateWhenReady(false);
        sas.setInvalidateWhenReady(false);
        b.session = register.getSession();
        return register;
    }

    private String contact(Trunk t) {
        return "sip:" + t.getUsername() + "@" + contactHost + ":" + ("tls".equals(t.getTransport()) ? tlsPort : port)
                + ";transport=" + t.getTransport();
    }

    /** The trunk's answer to a REGISTER: a challenge is answered once; 2xx and failures are recorded. */
    void answered(SipServletResponse response) throws IOException {
        if (!(response.getRequest().getAttribute(BINDING) instanceof Binding b)) {
            return;
        }
        int status = response.getStatus();
        long id = b.trunk.getId();
        if ((status == 401 || status == 407) && response.getRequest().getAttribute("ponte.trunk-auth") == null && b.password != null) {
            SipServletRequest again = b.session.createRequest(SipMethods.REGISTER);
            again.setHeader("Contact", response.getRequest().getHeader("Contact"));
            again.setExpires(response.getRequest().getExpires());
            again.setRequestURI(response.getRequest().getRequestURI());
            again.addAuthHeader(response, b.trunk.getUsername(), b.password);
            again.setAttribute(BINDING, b);
            again.setAttribute("ponte.trunk-auth", Boolean.TRUE);
            again.send();
            return;
        }
        if (b.leaving) {
            store.forget(id, node);
            b.session.getApplicationSession().invalidate();
            return;
        }
        if (status >= 200 && status < 300) {
            int granted = granted(response, b.expires);
            Instant now = clock.instant();
            b.refreshAt = now.plusSeconds(granted - Math.max(5, granted / 5));
            store.save(id, node, State.REGISTERED, status, response.getReasonPhrase(), now.plusSeconds(granted));
            LOG.fine(() -> "registered to trunk " + b.trunk.getName() + " for " + granted + " s");
        } else if (status == 423 && response.getHeader("Min-Expires") != null) {
            b.expires = Integer.parseInt(response.getHeader("Min-Expires").strip());
            send(b, b.expires);
        } else if (status >= 300) {
            store.save(id, node, State.FAILED, status, response.getReasonPhrase(), null);
            LOG.warning(() -> "trunk " + b.trunk.getName() + " refused the registration: " + status + " " + response.getReasonPhrase());
        }
    }

    /** The time the registrar granted our contact: its expires parameter, else the Expires header, else what was asked. */
    private int granted(SipServletResponse ok, int asked) {
        try {
            for (var it = ok.getAddressHeaders("Contact"); it.hasNext();) {
                Address a = it.next();
                if (a.getURI().toString().startsWith(contact(((Binding) ok.getRequest().getAttribute(BINDING)).trunk).split(";")[0])
                        && a.getExpires() > 0) {
                    return a.getExpires();
                }
            }
        } catch (javax.servlet.sip.ServletParseException e) {
            LOG.fine(() -> "unreadable Contact in a trunk's 200: " + e.getMessage());
        }
        return ok.getExpires() > 0 ? ok.getExpires() : asked;
    }
}
