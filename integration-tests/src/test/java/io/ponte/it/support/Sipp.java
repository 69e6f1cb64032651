package io.ponte.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs a SIPp scenario against Ponte and reports whether every call in it passed. */
public final class Sipp {

    public static final String SERVER = "127.0.0.1:" + PonteServer.SIP_PORT;
    private static final AtomicInteger NEXT_PORT = new AtomicInteger(16000);

    /** How a SIPp run ended: exit code 0 means every call of the scenario succeeded. */
    public record Result(int exitCode, String log) {
        public boolean passed() {
            return exitCode == 0;
        }
    }

    private Sipp() {
    }

    /**
     * Writes {@code pcmu-silence.raw} (10 s of PCMU silence, 0xFF) where SIPp runs, for scenarios that send
     * audio with {@code <exec rtp_stream="pcmu-silence.raw,-1,0"/>}, as a phone in a call does.
     */
    public static void silence() throws IOException {
        Path work = Path.of(System.getProperty("ponte.work.dir"), "sipp");
        Files.createDirectories(work);
        byte[] silence = new byte[80_000];
        java.util.Arrays.fill(silence, (byte) 0xFF);
        Files.write(work.resolve("pcmu-silence.raw"), silence);
    }

    /** Runs {@code scenario} (a file under src/test/resources/sipp) once, with {@code -key} values. */
    public static Result run(String scenario, Map<String, String> keys, String... extraArgs) {
        return start(scenario, NEXT_PORT.getAndIncrement(), keys, extraArgs).await();
    }

    /** A SIPp running in the background (a callee waiting for calls, say). */
    public static final class Running {
        private final Process process;
        private final Path messages;
        private final Path errors;

        private Running(Process process, Path messages, Path errors) {
            this.process = process;
            this.messages = messages;
            this.errors = errors;
        }

        /** The messages it has sent and received so far (its -trace_msg log). */
        public String messages() {
            try {
                return read(messages);
            } catch (IOException e) {
                return "";
            }
        }

        /** Whether SIPp has exited. */
        public boolean finished() {
            return !process.isAlive();
        }

        /** Waits up to 60 s for SIPp to finish its calls. */
        public Result await() {
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    return new Result(-1, "sipp did not finish within 60 s\n" + read(messages) + read(errors));
                }
                return new Result(process.exitValue(), "--- messages ---\n" + read(messages) + "\n--- errors ---\n" + read(errors));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Starts {@code scenario} on local port {@code port} without waiting; a uas scenario answers one call. */
    public static Running start(String scenario, int port, Map<String, String> keys, String... extraArgs) {
        return startAt(SERVER, scenario, port, keys, extraArgs);
    }

    /** As {@link #start}, towards the SIP server at {@code server} (host:port: another node). */
    public static Running startAt(String server, String scenario, int port, Map<String, String> keys, String... extraArgs) {
        Path dir = Path.of(System.getProperty("ponte.sipp.dir"));
        Path work = Path.of(System.getProperty("ponte.work.dir"), "sipp");
        try {
            Files.createDirectories(work);
            String base = scenario.replace(".xml", "") + "-" + port;
            Path errors = work.resolve(base + "-errors.log");
            Path messages = work.resolve(base + "-messages.log");
            Path screen = work.resolve(base + "-screen.log");
            for (Path stale : List.of(errors, messages, screen)) { // SIPp appends; a run reads only its own
                Files.deleteIfExists(stale);
            }
            List<String> cmd = new ArrayList<>(List.of("sipp", server, "-sf", dir.resolve(scenario).toString(),
                    "-m", "1", "-l", "1", "-i", "127.0.0.1", "-mi", "127.0.0.1", "-p", Integer.toString(port),
                    "-nostdin", "-timeout", "30s", "-timeout_error", "-recv_timeout", "10000",
                    "-trace_err", "-error_file", errors.toString(),
                    "-trace_msg", "-message_file", messages.toString(),
                    "-trace_screen", "-screen_file", screen.toString()));
            keys.forEach((k, v) -> {
                cmd.add("-key");
                cmd.add(k);
                cmd.add(v);
            });
            cmd.addAll(List.of(extraArgs));
            Process p = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
                    .redirectOutput(work.resolve(base + "-stdout.log").toFile()).start();
            return new Running(p, messages, errors);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run sipp (apt-get install sip-tester)", e);
        }
    }

    private static String read(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p) : "";
    }
}
