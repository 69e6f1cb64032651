package io.ponte.it.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.ponte.media.rtpengine.NgClient;
import io.ponte.media.rtpengine.RtpengineClient;

/** A real rtpengine (Debian rtpengine-daemon) in user space on loopback, for one test class. */
public final class Rtpengine implements AutoCloseable {

    private final Process process;
    private final int ngPort;
    private final Path log;

    private Rtpengine(Process process, int ngPort, Path log) {
        this.process = process;
        this.ngPort = ngPort;
        this.log = log;
    }

    /** Starts rtpengine with its ng control port on {@code ngPort} and media ports in [portMin, portMax]. */
    public static Rtpengine start(int ngPort, int portMin, int portMax) throws IOException {
        Path work = Path.of(System.getProperty("ponte.work.dir"), "rtpengine-" + ngPort);
        Files.createDirectories(work);
        Path log = work.resolve("rtpengine.log");
        Process p = new ProcessBuilder(List.of("rtpengine", "--config-file=none", "--foreground", "--table=-1", "--interface=127.0.0.1",
                "--listen-ng=127.0.0.1:" + ngPort, "--port-min=" + portMin, "--port-max=" + portMax,
                "--delete-delay=0", "--log-stderr", "--log-level=6", "--no-fallback",
                // digits in calls reported to Ponte's PONTE_DTMF_LISTEN (its default)
                "--dtmf-log-dest=127.0.0.1:22223"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Rtpengine r = new Rtpengine(p, ngPort, log);
        try (RtpengineClient probe = RtpengineClient.connect(r.address(), Duration.ofMillis(300))) {
            Poll.untilTrue(Duration.ofSeconds(20), "rtpengine to answer ping on " + ngPort, () -> {
                if (!p.isAlive()) {
                    throw new IllegalStateException("rtpengine exited: " + r.logText());
                }
                try {
                    probe.ping();
                    return true;
                } catch (Exception e) {
                    return false;
                }
            });
        }
        return r;
    }

    /** How many calls rtpengine holds now (ng "list"). */
    public int heldCalls() {
        try (RtpengineClient client = RtpengineClient.connect(address(), Duration.ofSeconds(2))) {
            return client.list(100).size();
        } catch (Exception e) {
            throw new IllegalStateException("rtpengine list failed", e);
        }
    }

    /** Drops a call with all its media at once, as rtpengine does when the call's RTP times out. */
    public void forget(String callId) {
        try (NgClient ng = new NgClient(address(), Duration.ofSeconds(2), Duration.ofMillis(500))) {
            ng.request(Map.of("command", "delete", "call-id", callId, "delete delay", 0L));
        } catch (Exception e) {
            throw new IllegalStateException("rtpengine delete failed", e);
        }
    }

    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", ngPort);
    }

    public String logText() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
