package io.ponte.it.support;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real softphone: Debian's baresip, headless, registered to Ponte, auto-answering, playing a tone
 * from a WAV file and recording what it hears (sndfile module).
 */
public final class Baresip implements AutoCloseable {

    private final Process process;
    private final Path dir;

    private Baresip(Process process, Path dir) {
        this.process = process;
        this.dir = dir;
    }

    /**
     * Starts a phone for {@code ext} on 127.0.0.1:{@code sipPort} that plays a {@code toneHz} sine, quits
     * after {@code seconds}, and runs {@code commands} (such as {@code /dial sip:202@127.0.0.1}).
     */
    public static Baresip start(String ext, String password, int sipPort, int toneHz, int seconds, String... commands)
            throws IOException {
        return start(ext, password, sipPort, toneHz, seconds, false, commands);
    }

    /**
     * As {@link #start}, registering and calling over TLS (to Ponte's port 5061), with a TLS listener of its
     * own that presents the tests' certificate, which Ponte trusts.
     */
    public static Baresip startTls(String ext, String password, int sipPort, int toneHz, int seconds, String... commands)
            throws IOException {
        return start(ext, password, sipPort, toneHz, seconds, true, commands);
    }

    private static Baresip start(String ext, String password, int sipPort, int toneHz, int seconds, boolean tls,
                                 String... commands) throws IOException {
        Path certs = Path.of(System.getProperty("ponte.test.tls.dir"));
        Path dir = Path.of(System.getProperty("ponte.work.dir"), "baresip-" + ext);
        if (Files.exists(dir)) {
            try (Stream<Path> old = Files.walk(dir)) {
                old.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(dir.resolve("rec"));
        Path tone = dir.resolve("tone.wav");
        writeTone(tone, toneHz, 60);
        Files.writeString(dir.resolve("config"), String.join("\n",
                "poll_method epoll",
                "sip_listen 127.0.0.1:" + sipPort,
                "sip_trans_def " + (tls ? "tls" : "udp"),
                tls ? "sip_certificate " + certs.resolve("ponte-key-cert.pem") : "",
                tls ? "sip_cafile " + certs.resolve("ponte-cert.pem") : "",
                "audio_player aufile,/dev/null",
                "audio_source aufile," + tone,
                "audio_alert aufile,/dev/null",
                "audio_srate 8000",
                "audio_channels 1",
                "module_path /usr/lib/baresip/modules",
                "module g711.so",
                "module aufile.so",
                "module sndfile.so",
                "module_app account.so",
                "module_app menu.so",
                "snd_path " + dir.resolve("rec"),
                "rtp_ports " + (20000 + (sipPort % 100) * 100) + "-" + (20099 + (sipPort % 100) * 100),
                ""));
        Files.writeString(dir.resolve("accounts"), "<sip:" + ext + "@127.0.0.1" + (tls ? ";transport=tls" : "")
                + ">;auth_user=" + ext + ";auth_pass="
                + password + ";regint=300;answermode=auto;audio_codecs=PCMU\n");
        List<String> cmd = new ArrayList<>(List.of("baresip", "-4", "-n", "127.0.0.1", "-f", dir.toString(),
                "-t", Integer.toString(seconds)));
        for (String c : commands) {
            cmd.add("-e");
            cmd.add(c);
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("baresip.log").toFile()).start();
        return new Baresip(p, dir);
    }

    /**
     * Fails unless each phone heard the other's tone, clearly above silence and 100 times stronger than its
     * own (which would mean an echo or a loop, not the far end).
     */
    public static void assertHeardEachOther(Baresip a, int aHz, Baresip b, int bHz) throws IOException {
        short[] heardByA = a.heard();
        short[] heardByB = b.heard();
        double aGetsB = power(heardByA, bHz);
        double aGetsOwn = power(heardByA, aHz);
        double bGetsA = power(heardByB, aHz);
        double bGetsOwn = power(heardByB, bHz);
        org.junit.jupiter.api.Assertions.assertTrue(aGetsB > 0.01, "A heard B's " + bHz + " Hz (not silence): power " + aGetsB);
        org.junit.jupiter.api.Assertions.assertTrue(aGetsB > 100 * aGetsOwn, "A heard B, not itself: " + aGetsB + " vs " + aGetsOwn);
        org.junit.jupiter.api.Assertions.assertTrue(bGetsA > 0.01, "B heard A's " + aHz + " Hz (not silence): power " + bGetsA);
        org.junit.jupiter.api.Assertions.assertTrue(bGetsA > 100 * bGetsOwn, "B heard A, not itself: " + bGetsA + " vs " + bGetsOwn);
    }

    /** True once its log holds {@code text} (baresip's stdio buffer reaches the file in bursts, or at exit). */
    public boolean logged(String text) {
        try {
            return log().contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    /** True once it has recorded more than a second of what it received. */
    public boolean recorded() {
        try {
            return heard().length > 8000;
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits for the phone to quit by itself. */
    public boolean awaitExit(int seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS);
    }

    public String log() throws IOException {
        return Files.readString(dir.resolve("baresip.log"));
    }

    /** The audio this phone received and decoded during its call (sndfile's "-dec.wav"), as samples. */
    public short[] heard() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("rec"))) {
            Path dec = files.filter(f -> f.getFileName().toString().endsWith("-dec.wav")).findFirst()
                    .orElseThrow(() -> new IOException("no recording in " + dir.resolve("rec")));
            return pcm16(Files.readAllBytes(dec));
        }
    }

    /** Goertzel: the power of {@code hz} in {@code samples} at 8 kHz, normalised by length. */
    public static double power(short[] samples, double hz) {
        double w = 2 * Math.PI * hz / 8000.0;
        double coeff = 2 * Math.cos(w);
        double s1 = 0;
        double s2 = 0;
        for (short x : samples) {
            double s = x / 32768.0 + coeff * s1 - s2;
            s2 = s1;
            s1 = s;
        }
        return (s1 * s1 + s2 * s2 - coeff * s1 * s2) / samples.length;
    }

    private static short[] pcm16(byte[] wav) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        int pos = 12;
        while (pos + 8 <= wav.length) {
            String id = new String(wav, pos, 4, java.nio.charset.StandardCharsets.US_ASCII);
            int size = b.getInt(pos + 4);
            if (id.equals("data")) {
                int n = Math.min(size, wav.length - pos - 8) / 2;
                short[] out = new short[n];
                for (int i = 0; i < n; i++) {
                    out[i] = b.getShort(pos + 8 + 2 * i);
                }
                return out;
            }
            pos += 8 + size + (size & 1);
        }
        throw new IOException("no data chunk in WAV");
    }

    private static void writeTone(Path file, int hz, int seconds) throws IOException {
        int n = 8000 * seconds;
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * n).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + 2 * n).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(8000).putInt(16000)
                .putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes()).putInt(2 * n);
        for (int i = 0; i < n; i++) {
            b.putShort((short) (0.5 * 32767 * Math.sin(2 * Math.PI * hz * i / 8000.0)));
        }
        Files.write(file, b.array());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
