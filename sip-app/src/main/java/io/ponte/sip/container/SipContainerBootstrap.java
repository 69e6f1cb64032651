package io.ponte.sip.container;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Logger;

import javax.servlet.ServletContext;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.TimerService;

import io.ponte.bridge.call.BridgeCalls;
import io.ponte.call.ActiveCalls;
import io.ponte.call.CallRouting;
import io.ponte.call.Calls;
import io.ponte.cdr.CdrRecorder;
import io.ponte.config.PonteSettings;
import io.ponte.health.Readiness;
import io.ponte.sip.call.AppToPhones;
import io.ponte.sip.call.Origination;
import io.ponte.sip.call.SipCallControl;
import io.ponte.call.CallControl;
import io.ponte.media.DtmfWatch;
import io.ponte.events.EventJournal;
import io.ponte.sip.trunk.TrunkRegistrar;
import io.ponte.trunk.TrunkDirectory;
import io.ponte.trunk.TrunkRegistrations;
import io.ponte.trunk.TrunkService;
import io.ponte.security.BanService;
import io.ponte.sip.edge.EdgeValve;
import io.ponte.stats.SipStatistics;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;

/**
 * Starts the embedded SIP container when the application deploys (after the schema is migrated) and
 * stops it, freeing the SIP port, when the application is undeployed or the server shuts down.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@TransactionManagement(TransactionManagementType.BEAN)
public class SipContainerBootstrap {

    private static final Logger LOG = Logger.getLogger(SipContainerBootstrap.class.getName());
    /** A finished session idle this long goes: longer than the 32 s a finished transaction is kept (timer J). */
    private static final Duration FINISHED_SESSION_IDLE = Duration.ofSeconds(35);

    @Inject
    PonteSettings settings;

    @Inject
    Readiness readiness;

    @Inject
    CdrRecorder cdrs;

    @Inject
    SipStatistics statistics;

    @Inject
    Calls calls;

    @Inject
    ActiveCalls active;

    @Inject
    CallRouting routing;

    @Inject
    BridgeCalls bridge;

    @Inject
    BanService bans;

    @Inject
    CallControl callControl;

    @Inject
    DtmfWatch dtmf;

    @Inject
    TrunkService trunkService;

    @Inject
    TrunkRegistrations trunkRegistrations;

    @Inject
    TrunkDirectory trunkDirectory;

    @Inject
    EventJournal journal;

    @Inject
    io.ponte.call.DialingPolicy dialing;

    private TrunkRegistrar trunks;
    private boolean trunkSyncFailing;

    private EmbeddedSipContainer container;

    @PostConstruct
    void start() {
        LOG.info(() -> "starting SIP with " + settings);
        String dataDir = System.getProperty("jboss.server.data.dir", System.getProperty("java.io.tmpdir"));
        List<String> transports = Arrays.stream(settings.sipTransports().split(","))
                .map(String::trim).filter(t -> !t.isEmpty()).toList();
        container = new EmbeddedSipContainer(new SipContainerSettings(settings.sipHost(), settings.sipPort(),
                transports, settings.sipMaxMessageSize(), Path.of(dataDir, "ponte-sip"), tls()), SipContainerBootstrap.class.getClassLoader());
        bans.sync();
        EdgeValve.guardWith(bans.guard()); // before the first message: bans and the flood limit apply from the start
        try {
            container.start();
        } catch (Exception e) {
            throw new IllegalStateException("SIP container failed to start on " + settings.sipHost() + ":"
                    + settings.sipPort() + ": " + e.getMessage(), e);
        }
        statistics.sessionsFrom(container::liveSessions);
        ServletContext sip = container.servletContext();
        Origination origination = new Origination((SipFactory) sip.getAttribute(SipServlet.SIP_FACTORY),
                (TimerService) sip.getAttribute(SipServlet.TIMER_SERVICE), calls, routing, dialing, settings.sipDomain(),
                settings.ringTimeoutSeconds(), statistics);
        bridge.dialPhonesWith(new AppToPhones(origination));
        callControl.controlWith(new SipCallControl(origination));
        dtmf.start();
        trunks = new TrunkRegistrar((SipFactory) sip.getAttribute(SipServlet.SIP_FACTORY), trunkRegistrations, journal.node(),
                contactHost(), settings.sipPort(), PonteSettings.wholeNumber(PonteSettings::runtimeValue, "PONTE_SIP_TLS_PORT", 5061));
        readiness.sipStarted();
        LOG.info(() -> cdrs.pending() + " call records waiting to be stored at start");
    }

    /**
     * SIP over TLS when PONTE_SIP_TLS_KEYSTORE names a key store (README, SIP over TLS); the password comes
     * from PONTE_SIP_TLS_KEYSTORE_PASSWORD and is never logged.
     */
    private static SipContainerSettings.Tls tls() {
        String keyStore = PonteSettings.runtimeValue("PONTE_SIP_TLS_KEYSTORE");
        if (keyStore == null || keyStore.isBlank()) {
            LOG.info("SIP over TLS is off: PONTE_SIP_TLS_KEYSTORE is not set");
            return null;
        }
        Path store = Path.of(keyStore.trim());
        if (!java.nio.file.Files.isReadable(store)) {
            throw new IllegalStateException("PONTE_SIP_TLS_KEYSTORE " + store + " cannot be read");
        }
        int port = PonteSettings.wholeNumber(PonteSettings::runtimeValue, "PONTE_SIP_TLS_PORT", 5061);
        String password = PonteSettings.runtimeValue("PONTE_SIP_TLS_KEYSTORE_PASSWORD");
        String trust = PonteSettings.runtimeValue("PONTE_SIP_TLS_TRUSTSTORE");
        return new SipContainerSettings.Tls(port, store,
                password == null ? new char[0] : password.toCharArray(),
                trust == null || trust.isBlank() ? null : Path.of(trust.trim()));
    }

    /**
     * Every 5 s: drops the SIP sessions left after their calls and transactions ended (idle 35 s: longer
     * than the 32 s RFC 3261 timer J for which the stack still answers a retransmitted request).
     */
    @Schedule(second = "*/5", minute = "*", hour = "*", persistent = false)
    void sweepSessions() {
        int swept = container.sweepFinishedSessions(FINISHED_SESSION_IDLE);
        if (swept > 0) {
            LOG.fine(() -> swept + " finished SIP application sessions invalidated");
        }
    }

    /**
     * Every 5 s: rereads the trunks' lines (so changes made on another node reach calls here), registers to
     * new or changed trunks, refreshes those due, unregisters those gone.
     */
    @Schedule(second = "*/5", minute = "*", hour = "*", persistent = false)
    void syncTrunks() {
        try {
            trunkDirectory.reload();
            trunks.sync(trunkService.registering());
            trunkSyncFailing = false;
        } catch (RuntimeException e) {
            if (!trunkSyncFailing) {
                LOG.warning("trunk registrations not synced: " + e);
            }
            trunkSyncFailing = true;
        }
    }

    /** The host in the Contact Ponte registers with: PONTE_SIP_HOST, or this host's address when it listens on all. */
    private String contactHost() {
        String host = settings.sipHost();
        if (!host.equals("0.0.0.0") && !host.equals("::")) {
            return host;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostAddress();
        } catch (java.net.UnknownHostException e) {
            return "127.0.0.1";
        }
    }

    /** Every 5 s: takes over the bans other nodes made (and notes those that ran out). */
    @Schedule(second = "*/5", minute = "*", hour = "*", persistent = false)
    void syncBans() {
        bans.sync();
    }

    /** Why the calls still up when the server stops are ended (their records' endReason; README). */
    static final String SHUTDOWN_REASON = "Service Unavailable (server shutting down)";

    @PreDestroy
    void stop() {
        int ended = active.hangUpAll(503, SHUTDOWN_REASON);
        if (ended > 0) {
            LOG.info(() -> ended + " calls in progress ended (BYE, or 503 to a caller still ringing) and recorded before stopping");
        }
        if (trunks != null) {
            trunks.stop();
        }
        bridge.dialPhonesWith(null);
        readiness.sipStopped();
        container.stop();
        EdgeValve.guardWith(null);
        statistics.sessionsFrom(null);
        LOG.info("SIP container stopped");
    }
}
