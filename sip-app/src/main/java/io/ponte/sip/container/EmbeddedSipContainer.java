package io.ponte.sip.container;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.servlet.sip.SipSession;

import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardServer;
import org.apache.catalina.loader.WebappLoader;
import org.mobicents.servlet.sip.catalina.SipHostConfig;
import org.mobicents.servlet.sip.catalina.SipStandardManager;
import org.mobicents.servlet.sip.core.SipApplicationDispatcherImpl;
import org.mobicents.servlet.sip.core.session.MobicentsSipApplicationSession;
import org.mobicents.servlet.sip.core.session.MobicentsSipSession;
import org.mobicents.servlet.sip.startup.SipContextConfig;
import org.mobicents.servlet.sip.startup.SipProtocolHandler;
import org.mobicents.servlet.sip.startup.SipStandardContext;
import org.mobicents.servlet.sip.startup.SipStandardEngine;
import org.mobicents.servlet.sip.startup.SipStandardHost;
import org.mobicents.servlet.sip.startup.SipStandardService;

import io.ponte.sip.edge.EdgeMessageParserFactory;
import io.ponte.sip.edge.EdgeMessageProcessorFactory;
import io.ponte.sip.edge.EdgeValve;
import io.ponte.stats.SipStatistics;

/**
 * A SIP-only Catalina 7 server running Restcomm SIP Servlets (JSR 289) inside the application server.
 *
 * <p>There is no HTTP connector: WildFly serves HTTP. The container gets one SIP application, Ponte's,
 * whose {@code sip.xml} and default-application-router file are copied into a private Catalina base.
 * Its class loader is the deploying module's, so the servlets and the EE services they call share
 * one set of classes.
 */
public final class EmbeddedSipContainer {

    static final String SERVICE_NAME = "Ponte-SIP";
    static final String APP_NAME = "ponte";
    private static final Logger LOG = Logger.getLogger(EmbeddedSipContainer.class.getName());

    /** TLS 1.3 suites, then TLS 1.2 ECDHE with AEAD: forward secrecy only, nothing CBC or RSA key exchange. */
    static final List<String> TLS_CIPHER_SUITES = List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private final SipContainerSettings settings;
    private final ClassLoader appLoader;
    private StandardServer server;
    private volatile SipStandardManager sessions;
    private volatile SipStandardContext context;

    public EmbeddedSipContainer(SipContainerSettings settings, ClassLoader appLoader) {
        this.settings = settings;
        this.appLoader = appLoader;
    }

    /** Boots the container; returns once the SIP listening points are bound. */
    public synchronized void start() throws IOException, LifecycleException {
        Path base = settings.baseDir();
        Path docBase = base.resolve("sipapps").resolve(APP_NAME);
        Path dar = base.resolve("conf").resolve("ponte-dar.properties");
        copyResource("sip.xml", docBase.resolve("WEB-INF").resolve("sip.xml"));
        copyResource("ponte-dar.properties", dar);
        Files.createDirectories(base.resolve("logs"));
        System.setProperty("catalina.home", base.toString());
        System.setProperty("catalina.base", base.toString());

        Thread current = Thread.currentThread();
        ClassLoader previous = current.getContextClassLoader();
        current.setContextClassLoader(appLoader); // container threads inherit it
        try {
            server = new StandardServer();
            server.setPort(-1);
            server.setParentClassLoader(appLoader);
            SipStandardService service = newService(dar);
            server.addService(service);
            service.setContainer(newEngine(docBase));
            for (String transport : settings.transports()) {
                service.addConnector(newConnector(transport, settings.port()));
            }
            if (settings.tls() != null) {
                service.addConnector(newConnector("tls", settings.tls().port()));
            }
            server.init();
            server.start();
        } catch (LifecycleException | RuntimeException e) {
            stopQuietly();
            throw e;
        } finally {
            current.setContextClassLoader(previous);
        }
        LOG.info(() -> "SIP container listening on " + settings.bindAddress() + ":" + settings.port()
                + " " + settings.transports() + (settings.tls() == null ? ", no TLS"
                        : ", TLS on " + settings.bindAddress() + ":" + settings.tls().port()));
    }

    private SipStandardService newService(Path dar) {
        SipStandardService service = new SipStandardService();
        service.setName(SERVICE_NAME);
        service.setSipApplicationDispatcherClassName(SipApplicationDispatcherImpl.class.getName());
        service.setSipPathName("org.mobicents.ext");
        service.setDarConfigurationFileLocation(dar.toUri().toString().replaceFirst("^file:/+", "file:///"));
        service.setConcurrencyControlMode("SipApplicationSession");
        service.setCongestionControlCheckingInterval(-1);
        service.setGatherStatistics(false);
        service.setSipStackProperties(stackProperties());
        return service;
    }

    private Properties stackProperties() {
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "ponte");
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        p.setProperty("gov.nist.javax.sip.LOG4J_LOGGER_NAME", "gov.nist");
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "LOG4J");
        p.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
        p.setProperty("gov.nist.javax.sip.DELIVER_UNSOLICITED_NOTIFY", "true");
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "8");
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        p.setProperty("gov.nist.javax.sip.MAX_LISTENER_RESPONSE_TIME", "120");
        p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", Integer.toString(settings.maxMessageSize()));
        p.setProperty("gov.nist.javax.sip.RECEIVE_UDP_BUFFER_SIZE", "1048576");
        p.setProperty("gov.nist.javax.sip.SEND_UDP_BUFFER_SIZE", "1048576");
        p.setProperty("gov.nist.javax.sip.AGGRESSIVE_CLEANUP", "false");
        p.setProperty("gov.nist.javax.sip.MAX_FORK_TIME_SECONDS", "0");
        p.setProperty("gov.nist.javax.sip.AUTOMATIC_DIALOG_ERROR_HANDLING", "false");
        p.setProperty("gov.nist.javax.sip.LOOSE_DIALOG_VALIDATION", "true");
        p.setProperty("gov.nist.javax.sip.PASS_INVITE_NON_2XX_ACK_TO_LISTENER", "true");
        // the edge: every message is framed and judged before the stack or a servlet sees it (module sip-edge)
        p.setProperty("gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY", EdgeMessageProcessorFactory.class.getName());
        p.setProperty("gov.nist.javax.sip.MESSAGE_PARSER_FACTORY", EdgeMessageParserFactory.class.getName());
        p.setProperty("gov.nist.javax.sip.SIP_MESSAGE_VALVE", EdgeValve.class.getName());
        SipContainerSettings.Tls tls = settings.tls();
        if (tls != null) {
            // RFC 3261 section 26 over TLS 1.2+ only (RFC 8996 retired 1.0 and 1.1), AEAD suites, no client
            // certificates (phones authenticate with digest)
            p.setProperty("javax.net.ssl.keyStore", tls.keyStore().toString());
            p.setProperty("javax.net.ssl.keyStorePassword", new String(tls.password()));
            p.setProperty("javax.net.ssl.keyStoreType", tls.storeType(tls.keyStore()));
            if (tls.trustStore() != null) { // else the JVM's own authorities, for connections Ponte opens
                p.setProperty("javax.net.ssl.trustStore", tls.trustStore().toString());
                p.setProperty("javax.net.ssl.trustStoreType", tls.storeType(tls.trustStore()));
            }
            p.setProperty("gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS", "TLSv1.3,TLSv1.2");
            p.setProperty("gov.nist.javax.sip.ENABLED_CIPHER_SUITES", String.join(",", TLS_CIPHER_SUITES));
            p.setProperty("gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE", "Disabled");
        }
        p.setProperty("org.mobicents.servlet.sip.SERVER_HEADER", "Ponte");
        p.setProperty("org.mobicents.servlet.sip.USER_AGENT_HEADER", "Ponte");
        return p;
    }

    private SipStandardEngine newEngine(Path docBase) {
        SipStandardEngine engine = new SipStandardEngine();
        engine.setName(SERVICE_NAME);
        engine.setDefaultHost("localhost");
        engine.setParentClassLoader(appLoader);

        SipStandardHost host = new SipStandardHost();
        host.setName("localhost");
        host.setAppBase(docBase.getParent().toString());
        host.setAutoDeploy(false);
        host.setDeployOnStartup(false);
        host.setConfigClass(SipContextConfig.class.getName());
        host.addLifecycleListener(new SipHostConfig());
        host.setParentClassLoader(appLoader);
        engine.addChild(host);

        SipStandardContext context = new SipStandardContext();
        this.context = context;
        context.setName(APP_NAME);
        context.setPath("/" + APP_NAME);
        context.setDocBase(docBase.toString());
        context.setParentClassLoader(appLoader);
        context.setUseNaming(true); // Catalina's private naming, not the server's read-only java:comp
        WebappLoader loader = new WebappLoader(appLoader);
        loader.setDelegate(true);
        context.setLoader(loader);
        SipStandardManager manager = new SipStandardManager();
        context.setManager(manager);
        sessions = manager;
        context.addLifecycleListener(new SipContextConfig());
        host.addChild(context);
        return engine;
    }

    private Connector newConnector(String transport, int port) {
        Connector connector = new Connector(SipProtocolHandler.class.getName());
        SipProtocolHandler handler = (SipProtocolHandler) connector.getProtocolHandler();
        try {
            handler.setIpAddress(settings.bindAddress());
            handler.setPort(port);
            handler.setSignalingTransport(transport);
        } catch (Exception e) {
            throw new IllegalStateException("cannot configure SIP " + transport + " connector", e);
        }
        connector.setPort(port);
        return connector;
    }

    /** The SIP application's servlet context (its SipFactory, TimerService...), once started. */
    public javax.servlet.ServletContext servletContext() {
        return context.getServletContext();
    }

    /** SIP application sessions and SIP sessions the container holds now (zero when stopped). */
    public SipStatistics.Sessions liveSessions() {
        SipStandardManager m = sessions;
        if (m == null) {
            return new SipStatistics.Sessions(0, 0);
        }
        return new SipStatistics.Sessions(count(m.getAllSipApplicationSessions()), count(m.getAllSipSessions()));
    }

    /**
     * Invalidates the application sessions Ponte has finished with (invalidate-when-ready set) that have
     * been idle for {@code idle} and hold no dialog in progress and no transaction. Restcomm 3.2 leaves two
     * kinds behind on its own: a session that became ready before the application asked for invalidation
     * (a B2BUA leg after its BYE), and a non-dialog session whose last answer was a 401/407 challenge;
     * with no application-session timer (sip.xml session-timeout 0) both would stay for ever.
     *
     * @return how many application sessions were invalidated
     */
    public int sweepFinishedSessions(Duration idle) {
        SipStandardManager m = sessions;
        if (m == null) {
            return 0;
        }
        long idleSince = System.currentTimeMillis() - idle.toMillis();
        int swept = 0;
        for (Iterator<MobicentsSipApplicationSession> it = m.getAllSipApplicationSessions(); it.hasNext();) {
            MobicentsSipApplicationSession app = it.next();
            if (app.isValidInternal() && app.getInvalidateWhenReady() && app.getLastAccessedTime() < idleSince
                    && finished(app.getSipSessions(false), idleSince)) {
                app.invalidate(true);
                swept++;
            }
        }
        return swept;
    }

    private static boolean finished(Set<MobicentsSipSession> legs, long idleSince) {
        for (MobicentsSipSession leg : legs) {
            if (!leg.isValidInternal()) {
                continue;
            }
            if (!leg.getInvalidateWhenReady() || leg.getLastAccessedTime() >= idleSince
                    || leg.getState() == SipSession.State.EARLY || leg.getState() == SipSession.State.CONFIRMED
                    || !leg.getOngoingTransactions().isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private static int count(Iterator<?> it) {
        int n = 0;
        while (it.hasNext()) {
            it.next();
            n++;
        }
        return n;
    }

    /** Stops the container, frees the SIP ports and releases everything that pins the class loader. */
    public synchronized void stop() {
        stopQuietly();
    }

    private void stopQuietly() {
        if (server == null) {
            return;
        }
        try {
            server.stop();
        } catch (LifecycleException | RuntimeException e) {
            LOG.log(Level.WARNING, "SIP container did not stop cleanly", e);
        }
        try {
            server.destroy();
        } catch (LifecycleException | RuntimeException e) {
            LOG.log(Level.WARNING, "SIP container was not destroyed cleanly", e);
        }
        server = null;
        unregisterMBeans();
        interruptLeftoverThreads();
    }

    private static void unregisterMBeans() {
        MBeanServer mbs = ManagementFactory.getPlatformMBeanServer();
        for (String pattern : new String[] {SERVICE_NAME + ":*", "mss:*", "Catalina:*"}) {
            try {
                for (ObjectName name : mbs.queryNames(new ObjectName(pattern), null)) {
                    mbs.unregisterMBean(name);
                }
            } catch (Exception e) {
                LOG.log(Level.FINE, "could not unregister MBeans " + pattern, e);
            }
        }
    }

    /** JAIN-SIP's event scanner waits forever on a monitor after the stack stops. */
    private void interruptLeftoverThreads() {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getContextClassLoader() == appLoader && t != Thread.currentThread()
                    && (t.getName().startsWith("EventScannerThread") || t.getName().contains("EventScanner"))) {
                t.interrupt();
            }
        }
    }

    private static void copyResource(String name, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        try (InputStream in = EmbeddedSipContainer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing resource " + name);
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
