package io.ponte.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real Kamailio (Debian kamailio 5.6) from a test configuration, in the foreground, its log in a file. */
public final class Kamailio implements AutoCloseable {

    private final Process process;
    private final Path log;

    private Kamailio(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts Kamailio with the configuration {@code resource} (under kamailio/), once it answers OPTIONS on {@code port}. */
    public static Kamailio start(String resource, int port) throws IOException {
        Path work = Path.of(System.getProperty("ponte.work.dir"), "kamailio-" + resource.replace(".cfg", ""));
        Files.createDirectories(work.resolve("run"));
        Path cfg = work.resolve(resource);
        try (InputStream in = Kamailio.class.getResourceAsStream("/kamailio/" + resource)) {
            if (in == null) {
                throw new IOException("no test resource kamailio/" + resource);
            }
            Files.write(cfg, in.readAllBytes());
        }
        Path log = work.resolve("kamailio.log");
        Process p = new ProcessBuilder(List.of("kamailio", "-f", cfg.toString(), "-DD", "-E", "-Y", work.resolve("run").toString(),
                "-m", "64", "-M", "8")).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Kamailio k = new Kamailio(p, log);
        Poll.untilTrue(Duration.ofSeconds(20), "Kamailio to start (" + log + ")", () -> {
            if (!p.isAlive()) {
                throw new IllegalStateException("kamailio exited: " + k.logText());
            }
            return answersOptions(port);
        });
        return k;
    }

    private static boolean answersOptions(int port) {
        try (java.net.DatagramSocket s = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            String options = "OPTIONS sip:127.0.0.1:" + port + " SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + s.getLocalPort()
                    + ";branch=z9hG4bK-ready-" + System.nanoTime() + "\r\nFrom: <sip:probe@127.0.0.1>;tag=1\r\nTo: <sip:127.0.0.1>\r\n"
                    + "Call-ID: ready-" + System.nanoTime() + "\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
            s.setSoTimeout(500);
            byte[] out = options.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            s.send(new java.net.DatagramPacket(out, out.length, java.net.InetAddress.getLoopbackAddress(), port));
            java.net.DatagramPacket in = new java.net.DatagramPacket(new byte[2048], 2048);
            s.receive(in);
            return new String(in.getData(), 0, in.getLength(), java.nio.charset.StandardCharsets.US_ASCII).startsWith("SIP/2.0 200");
        } catch (IOException e) {
            return false;
        }
    }

    public String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    /** The lines of its log that contain {@code text}. */
    public List<String> logLines(String text) {
        return logText().lines().filter(l -> l.contains(text)).toList();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
