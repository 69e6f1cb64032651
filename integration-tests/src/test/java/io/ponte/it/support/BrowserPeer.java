package io.ponte.it.support;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/**
 * A ConnectyCube app user in headless Chromium, for tests: {@code src/test/browser/peer.mjs} opens the
 * stand-in's demo page (the official {@code connectycube} SDK), logs in and then calls, answers,
 * rejects and hangs up as the test says, over one JSON object per line on its stdin/stdout. Its fake
 * microphone plays a continuous sine of {@code toneHz}, and {@link #audio(int...)} tells what the
 * browser receives from the other side, so a test can prove which tone it hears.
 *
 * <p>Every wait has a deadline; a failure says what the page went through (its events, state changes
 * and errors) and what the peer process logged. Needs node on the PATH, Debian's chromium and
 * {@code npm ci} done in connectycube-standin (the Maven build does it).
 */
public final class BrowserPeer implements AutoCloseable {

    /** How long a command other than a wait may take inside the peer before the test gives up on it. */
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    /** Launching Chromium, loading the page, logging in and connecting to chat. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final int STDERR_LINES = 200;
    private static final AtomicInteger STARTED = new AtomicInteger();

    private final String login;
    private final int toneHz;
    private final Path dir;
    private final Process process;
    private final BufferedWriter stdin;
    private final Map<Long, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();
    private final CompletableFuture<JsonObject> ready = new CompletableFuture<>();
    private final AtomicLong nextId = new AtomicLong();
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private volatile long userId;
    private volatile boolean closed;

    /** Where the IT resources are; the failsafe configuration sets these, the defaults suit the module directory. */
    private static String setting(String property, String dflt) {
        String v = System.getProperty(property);
        return v == null || v.isBlank() ? dflt : v;
    }

    private BrowserPeer(String login, int toneHz, Path dir, Process process) {
        this.login = login;
        this.toneHz = toneHz;
        this.dir = dir;
        this.process = process;
        this.stdin = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
    }

    /**
     * Starts Chromium as {@code login} (a stand-in user, e.g. alice / alice-pw-1) with a fake microphone
     * playing {@code toneHz}, and returns once the user is logged in and online in the chat.
     */
    public static BrowserPeer start(String login, String password, int toneHz) throws IOException {
        Path dir = Path.of(setting("ponte.work.dir", "target/work"), "browser-peers", login + "-" + STARTED.incrementAndGet());
        deleteTree(dir);
        Files.createDirectories(dir);
        List<String> cmd = List.of("node", setting("ponte.browser.peer", "src/test/browser/peer.mjs"),
                "--login", login, "--password", password, "--tone", Integer.toString(toneHz),
                "--url", setting("ponte.standin.demo.url", "http://127.0.0.1:15080/demo/"),
                "--work", dir.toAbsolutePath().toString(),
                "--chromium", setting("ponte.chromium", "/usr/bin/chromium"),
                "--playwright", setting("ponte.playwright.dir", "../connectycube-standin/node_modules/playwright-core"));
        Process p = new ProcessBuilder(cmd).start();
        BrowserPeer peer = new BrowserPeer(login, toneHz, dir, p);
        peer.readStdout();
        peer.readStderr();
        JsonObject first;
        try {
            first = peer.ready.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            peer.kill();
            throw new AssertionError(peer.describe("did not log in within " + START_TIMEOUT, null));
        } catch (ExecutionException e) {
            peer.kill();
            throw new AssertionError(peer.describe(e.getCause().getMessage(), null), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            peer.kill();
            throw new IllegalStateException("interrupted while starting browser peer " + login, e);
        }
        if (!"ready".equals(first.getString("event", ""))) {
            JsonObject d = first.containsKey("diagnostics") && first.get("diagnostics") instanceof JsonObject o ? o : null;
            peer.kill();
            throw new AssertionError(peer.describe("did not start: " + first.getString("error", first.toString()), d));
        }
        peer.userId = first.getJsonNumber("userId").longValue();
        return peer;
    }

    /** The ConnectyCube user id this browser is logged in as. */
    public long userId() {
        return userId;
    }

    public String login() {
        return login;
    }

    /** The frequency of this browser's fake microphone. */
    public int toneHz() {
        return toneHz;
    }

    /** Calls ConnectyCube user {@code calleeUserId} (audio); returns once the page is calling (or fails). */
    public void call(long calleeUserId) {
        command(Json.createObjectBuilder().add("cmd", "call").add("callee", calleeUserId), COMMAND_TIMEOUT);
    }

    /** Accepts the incoming call (fails at once if there is none). */
    public void accept() {
        command(Json.createObjectBuilder().add("cmd", "accept"), COMMAND_TIMEOUT);
    }

    /** Rejects the incoming call with {@code reason} (sent as {@code {reason: ...}}, e.g. "busy" or "declined"). */
    public void reject(String reason) {
        command(Json.createObjectBuilder().add("cmd", "reject").add("reason", reason), COMMAND_TIMEOUT);
    }

    /** Hangs up the current call (also an unanswered outgoing one). */
    public void hangUp() {
        command(Json.createObjectBuilder().add("cmd", "hangUp"), COMMAND_TIMEOUT);
    }

    /**
     * Waits until the page's state ({@code window.demo.state}) is {@code state}, or has been {@code state}
     * since this peer's last action (call, accept, reject, hang up), so brief states are not missed.
     * Returns when the page entered it; on timeout, fails with the page's recent events.
     */
    public Instant awaitState(String state, Duration timeout) {
        JsonObject r = command(Json.createObjectBuilder().add("cmd", "awaitState").add("state", state)
                .add("timeoutMs", timeout.toMillis()), timeout.plus(Duration.ofSeconds(10)));
        return Instant.ofEpochMilli(r.getJsonNumber("t").longValue());
    }

    /** The page's state now ({@code logged-out}, {@code online}, {@code calling}, {@code incoming}, ...). */
    public String state() {
        return command(Json.createObjectBuilder().add("cmd", "state"), COMMAND_TIMEOUT).getString("state");
    }

    /** The ConnectyCube user id of whoever started the current (or last) incoming call. */
    public long incomingCallerId() {
        Call c = lastCall();
        if (c == null || !"incoming".equals(c.direction())) {
            throw new AssertionError(describe("has had no incoming call", diagnosticsOrNull()));
        }
        return c.initiatorId();
    }

    /** The current or last call as the page saw it, with the time of each of its states; null before any. */
    public Call lastCall() {
        JsonObject s = command(Json.createObjectBuilder().add("cmd", "state"), COMMAND_TIMEOUT);
        return s.get("call") instanceof JsonObject c ? Call.of(c) : null;
    }

    /**
     * What this browser receives from the remote side now: inbound RTP counters and codec from
     * {@code getStats()}, the audio level, and the share of the received audio's power at each of
     * {@code hz} (a Goertzel on about 0.7 s of the remote stream through WebAudio). Waits (up to 5 s)
     * for a remote stream to analyse.
     */
    public Audio audio(int... hz) {
        var freqs = Json.createArrayBuilder();
        for (int f : hz) {
            freqs.add(f);
        }
        JsonObject r = command(Json.createObjectBuilder().add("cmd", "audio").add("hz", freqs).add("timeoutMs", 5000),
                COMMAND_TIMEOUT);
        return Audio.of(r);
    }

    /** Everything the page noted ({@code window.demo.events}), one line each with its time. */
    public List<String> events() {
        JsonObject d = diagnosticsOrNull();
        if (d == null) {
            return List.of();
        }
        return d.getJsonArray("events").stream().map(JsonObject.class::cast)
                .map(e -> time(e.getJsonNumber("t").longValue()) + " " + e.getString("text")).toList();
    }

    /** A report for a failure message: state, the page's events and state changes, page errors, the peer's log. */
    public String diagnostics() {
        return describe("diagnostics", diagnosticsOrNull());
    }

    /** Logs out, closes Chromium and ends the peer process (forcibly after 15 s). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            if (process.isAlive()) {
                try {
                    send(Json.createObjectBuilder().add("id", nextId.incrementAndGet()).add("cmd", "close").build());
                } catch (UncheckedIOException e) {
                    // its stdin is gone: it is exiting already
                }
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    kill();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        } finally {
            closed = true;
        }
    }

    @Override
    public String toString() {
        return "browser peer " + login + (userId > 0 ? " (" + userId + ")" : "");
    }

    // ---- plumbing ----

    private JsonObject command(JsonObjectBuilder b, Duration timeout) {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
        long id = nextId.incrementAndGet();
        JsonObject msg = b.add("id", id).build();
        CompletableFuture<JsonObject> answer = new CompletableFuture<>();
        pending.put(id, answer);
        JsonObject r;
        try {
            if (!process.isAlive()) {
                throw new AssertionError(describe("has exited (" + process.exitValue() + ") before " + msg.getString("cmd"), null));
            }
            send(msg);
            r = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(describe("no answer to " + msg + " within " + timeout, null));
        } catch (ExecutionException e) {
            throw new AssertionError(describe(msg.getString("cmd") + " failed: " + e.getCause().getMessage(), null), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for " + this, e);
        } finally {
            pending.remove(id);
        }
        if (!r.getBoolean("ok", false)) {
            JsonObject d = r.get("diagnostics") instanceof JsonObject o ? o : null;
            throw new AssertionError(describe(r.getString("error", r.toString()), d));
        }
        return r.get("result") instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
    }

    private synchronized void send(JsonObject msg) {
        try {
            stdin.write(msg.toString());
            stdin.write('\n');
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + this, e);
        }
    }

    private JsonObject diagnosticsOrNull() {
        if (closed || !process.isAlive()) {
            return null;
        }
        try {
            return command(Json.createObjectBuilder().add("cmd", "diagnostics"), Duration.ofSeconds(10));
        } catch (AssertionError | RuntimeException e) {
            return null;
        }
    }

    private void readStdout() {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null;) {
                    JsonObject m;
                    try {
                        m = Json.createReader(new StringReader(line)).readObject();
                    } catch (RuntimeException e) {
                        remember("(stdout, not JSON) " + line);
                        continue;
                    }
                    if (m.containsKey("event")) {
                        ready.complete(m);
                    } else if (m.get("id") instanceof JsonNumber n) {
                        CompletableFuture<JsonObject> f = pending.get(n.longValue());
                        if (f != null) {
                            f.complete(m);
                        }
                    } else {
                        remember("(stdout) " + line);
                    }
                }
            } catch (IOException e) {
                remember("(stdout read failed) " + e);
            }
            IllegalStateException gone = new IllegalStateException("the peer process ended" + exitCode());
            ready.completeExceptionally(gone);
            pending.values().forEach(f -> f.completeExceptionally(gone));
        }, "browser-peer-" + login + "-stdout");
        t.setDaemon(true);
        t.start();
    }

    private String exitCode() {
        try {
            return process.waitFor(2, TimeUnit.SECONDS) ? " (exit " + process.exitValue() + ")" : "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private void readStderr() {
        Path logFile = dir.resolve("peer.log");
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null;) {
                    remember(line);
                    Files.writeString(logFile, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                }
            } catch (IOException e) {
                remember("(stderr read failed) " + e);
            }
        }, "browser-peer-" + login + "-stderr");
        t.setDaemon(true);
        t.start();
    }

    private void remember(String line) {
        synchronized (stderrTail) {
            stderrTail.addLast(line);
            while (stderrTail.size() > STDERR_LINES) {
                stderrTail.removeFirst();
            }
        }
    }

    private void kill() {
        Stream.concat(process.descendants(), Stream.of(process.toHandle())).forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closed = true;
    }

    private static String time(long epochMillis) {
        return LocalTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneId.systemDefault()).toString();
    }

    /** "browser peer alice (1001): what" + what the page and the process said. */
    private String describe(String what, JsonObject d) {
        StringBuilder sb = new StringBuilder(this.toString()).append(": ").append(what);
        if (d != null) {
            sb.append("\n  state: ").append(d.getString("state", "?"));
            if (!d.getString("detail", "").isEmpty()) {
                sb.append(" (").append(d.getString("detail")).append(')');
            }
            if (d.get("call") instanceof JsonObject c) {
                sb.append("\n  call: ").append(c);
            }
            appendTimed(sb, "page events", d.getJsonArray("events"), e -> e.getString("text"));
            appendTimed(sb, "state changes", d.getJsonArray("history"),
                    e -> e.getString("state") + (e.getString("detail", "").isEmpty() ? "" : " (" + e.getString("detail") + ")"));
            appendTimed(sb, "page errors", d.getJsonArray("pageErrors"), e -> e.getString("text"));
        }
        List<String> tail;
        synchronized (stderrTail) {
            tail = new ArrayList<>(stderrTail);
        }
        sb.append("\n  peer log (").append(dir.resolve("peer.log")).append(", last ").append(Math.min(tail.size(), 40))
                .append(" lines):");
        tail.subList(Math.max(0, tail.size() - 40), tail.size()).forEach(l -> sb.append("\n    ").append(l));
        return sb.toString();
    }

    private static void appendTimed(StringBuilder sb, String title, JsonArray items,
            java.util.function.Function<JsonObject, String> text) {
        if (items == null || items.isEmpty()) {
            return;
        }
        sb.append("\n  ").append(title).append(':');
        for (JsonValue v : items) {
            JsonObject e = (JsonObject) v;
            sb.append("\n    ").append(time(e.getJsonNumber("t").longValue())).append(' ').append(text.apply(e));
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> old = Files.walk(dir)) {
            for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    // ---- what the page reports ----

    /**
     * A call as the page saw it: its ConnectyCube session id, direction ("outgoing" or "incoming"), the
     * other user, who started it, and when each of its states was first reached (page clock, which is
     * this machine's clock), plus when the remote stream arrived (null if it did not).
     */
    public record Call(String sessionId, String direction, long peerId, long initiatorId, Map<String, Instant> times,
            Instant remoteStreamAt) {

        static Call of(JsonObject c) {
            Map<String, Instant> times = new LinkedHashMap<>();
            c.getJsonObject("times").forEach((k, v) -> times.put(k, Instant.ofEpochMilli(((JsonNumber) v).longValue())));
            Instant remote = c.get("remoteStreamAt") instanceof JsonNumber n ? Instant.ofEpochMilli(n.longValue()) : null;
            return new Call(c.getString("sessionId"), c.getString("direction"), c.getJsonNumber("peerId").longValue(),
                    c.getJsonNumber("initiatorId").longValue(), Collections.unmodifiableMap(times), remote);
        }

        /** When the call first reached {@code state}; fails if it never did. */
        public Instant at(String state) {
            Instant t = times.get(state);
            if (t == null) {
                throw new AssertionError("call " + sessionId + " never reached " + state + ": " + times);
            }
            return t;
        }
    }

    /**
     * What the browser receives: inbound RTP packets and losses, the codec of the inbound stream (e.g.
     * audio/opus), the stream's current and highest audio level (0..1, getStats), the received audio's RMS,
     * its loudest frequency, and for each requested frequency the share of the received power at it (about
     * 1 for a clean tone at exactly that frequency, about 0 when that frequency is absent).
     */
    public record Audio(long packetsReceived, long packetsLost, long packetsSent, String codec, double audioLevel,
            double maxAudioLevel, double rms, Double peakHz, Map<Integer, Double> power) {

        static Audio of(JsonObject r) {
            Map<Integer, Double> power = new LinkedHashMap<>();
            r.getJsonObject("power").forEach((k, v) -> power.put(Integer.valueOf(k), ((JsonNumber) v).doubleValue()));
            return new Audio(num(r, "packetsReceived"), num(r, "packetsLost"), num(r, "packetsSent"),
                    r.get("codec") instanceof jakarta.json.JsonString s ? s.getString() : null,
                    dbl(r, "audioLevel"), dbl(r, "maxAudioLevel"), dbl(r, "rms"),
                    r.get("peakHz") instanceof JsonNumber n ? n.doubleValue() : null, Collections.unmodifiableMap(power));
        }

        private static long num(JsonObject r, String k) {
            return r.get(k) instanceof JsonNumber n ? n.longValue() : 0;
        }

        private static double dbl(JsonObject r, String k) {
            return r.get(k) instanceof JsonNumber n ? n.doubleValue() : 0;
        }

        /** The share of the received power at {@code hz} (which must have been asked for). */
        public double power(int hz) {
            Double p = power.get(hz);
            if (p == null) {
                throw new IllegalArgumentException(hz + " Hz was not measured (asked: " + power.keySet() + ")");
            }
            return p;
        }

        /** Whether {@code hz} carries at least {@code factor} times the power of {@code other}, and audio is there. */
        public boolean dominates(int hz, int other, double factor) {
            return rms > 0.001 && power(hz) > 0.1 && power(hz) >= factor * power(other);
        }

        @Override
        public String toString() {
            return "received " + packetsReceived + " packets (" + packetsLost + " lost) of " + codec + ", level " + audioLevel
                    + " (max " + maxAudioLevel + "), rms " + String.format("%.4f", rms) + ", loudest " + peakHz + " Hz, power "
                    + power.entrySet().stream().map(e -> e.getKey() + " Hz: " + String.format("%.3g", e.getValue()))
                            .collect(Collectors.joining(", "));
        }
    }
}
