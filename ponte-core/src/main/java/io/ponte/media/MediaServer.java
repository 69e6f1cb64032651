package io.ponte.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.logging.Logger;

import io.ponte.config.PonteSettings;
import io.ponte.media.rtpengine.RtpengineClient;
import io.ponte.media.rtpengine.RtpengineErrorException;
import io.ponte.media.rtpengine.RtpengineUnavailableException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The CDI face of the rtpengine ng client: one client per deployment, aimed at RTPENGINE_NG, closed on
 * undeploy. Whether the media server answers is remembered for a few seconds, so health checks do not
 * each cost a round trip.
 */
@ApplicationScoped
public class MediaServer {

    private static final Logger LOG = Logger.getLogger(MediaServer.class.getName());
    private static final long REACHABILITY_TTL_NANOS = Duration.ofSeconds(5).toNanos();

    @Inject
    PonteSettings settings;

    private RtpengineClient client;
    private volatile boolean lastReachable;
    private volatile long checkedAtNanos;

    @PostConstruct
    void connect() {
        try {
            client = RtpengineClient.connect(RtpengineClient.address(settings.rtpengineNg()),
                    Duration.ofMillis(settings.rtpengineTimeoutMillis()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the rtpengine ng socket", e);
        }
        LOG.info(() -> "media server (rtpengine ng) at " + settings.rtpengineNg());
    }

    @PreDestroy
    void close() {
        client.close();
    }

    public RtpengineClient client() {
        return client;
    }

    /** Whether rtpengine answered a ping within the last few seconds (pinging it if the answer is older). */
    public boolean reachable() {
        long now = System.nanoTime();
        if (now - checkedAtNanos > REACHABILITY_TTL_NANOS) {
            boolean ok;
            try {
                client.ping();
                ok = true;
            } catch (RtpengineErrorException | RtpengineUnavailableException e) {
                ok = false;
            }
            lastReachable = ok;
            checkedAtNanos = now;
        }
        return lastReachable;
    }
}
