package io.ponte.bridge.connectycube.chat;

import io.ponte.bridge.connectycube.signaling.CallContext;
import io.ponte.bridge.connectycube.signaling.CallType;
import io.ponte.bridge.connectycube.signaling.Jids;
import io.ponte.bridge.connectycube.signaling.SignalingEnvelope;
import io.ponte.bridge.connectycube.signaling.SignalingMessage;
import io.ponte.bridge.connectycube.signaling.UserInfo;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.management.ObjectName;

/**
 * Footprint of many {@link ConnectyCubeChat} connections online at once (issue 9: "measure memory and
 * threads per online mapping and make 1,000 online mappings fit the default heap"). Not a unit test:
 * run on demand with {@code src/test/bench/chat-footprint N} (N = 100, 500, 1000...), which runs this
 * class in its own JVM with {@code -Xmx2g} (Ponte's default {@code PONTE_HEAP}).
 *
 * <p>Starts a private Prosody on 127.0.0.1 ({@link ProsodyServer}), registers N users, opens one chat
 * per user on one shared two-thread scheduler (as Ponte's {@code ChatConnections} does) and waits until
 * all are {@code ONLINE}. Measures, each time after a full collection: heap used, live threads, resident
 * memory and (with {@code -XX:NativeMemoryTracking=summary}) committed thread stacks; before the chats
 * (after one warm-up chat, so that Smack's own one-time state is in the baseline), with all N online, and
 * after closing them all. Also the time to bring all N online, the CPU of this JVM and of Prosody while
 * bringing them online and while idle for 30 s, and one signaling message across to show the
 * connections carry traffic. Prints a table.
 *
 * <p>System properties: {@code bench.tls} ({@code direct}, ConnectyCube's port 5223 style, or
 * {@code starttls}), {@code bench.idleSeconds} (30), {@code bench.schedulerThreads} (2),
 * {@code bench.histogram} (print the top of the class histogram while online), {@code bench.dir}
 * (keep Prosody's files there instead of a temporary directory).
 */
public final class ChatFootprintBenchmark {
    private static final String DOMAIN = "chat.ponte.test";
    private static final String APP_ID = "385";
    private static final long FIRST_USER = 100_000;
    private static final double MB = 1024.0 * 1024.0;

    private ChatFootprintBenchmark() {
    }

    /** One measurement of the process. */
    record Sample(long heapUsed, int threads, long rss, long threadStacksCommitted, Map<String, Integer> threadGroups) {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        ChatSettings.Tls tls = "starttls".equalsIgnoreCase(System.getProperty("bench.tls", "direct"))
                ? ChatSettings.Tls.STARTTLS : ChatSettings.Tls.DIRECT;
        Duration idle = Duration.ofSeconds(Integer.getInteger("bench.idleSeconds", 30));
        int schedulerThreads = Integer.getInteger("bench.schedulerThreads", 2);
        if (!ProsodyServer.installed()) {
            throw new IllegalStateException("prosody and openssl are needed: apt-get install prosody");
        }
        // Smack logs every failed attempt at INFO and above; the figures are what matters here
        Logger.getLogger("org.jivesoftware").setLevel(Level.WARNING);
        Logger.getLogger(ConnectyCubeChat.class.getName()).setLevel(Level.WARNING);

        String keep = System.getProperty("bench.dir");
        Path dir = keep != null ? Files.createDirectories(Path.of(keep)) : Files.createTempDirectory("chat-footprint");
        SecureRandom random = new SecureRandom();
        Map<String, String> users = new LinkedHashMap<>();
        Map<Long, String> passwords = new LinkedHashMap<>();
        for (long u = FIRST_USER; u <= FIRST_USER + n; u++) { // FIRST_USER itself is the warm-up chat
            byte[] b = new byte[12];
            random.nextBytes(b);
            String pw = HexFormat.of().formatHex(b);
            users.put(Jids.localPart(u, APP_ID), pw);
            passwords.put(u, pw);
        }
        System.out.printf(Locale.ROOT, "ConnectyCube chat footprint: N=%d, TLS %s, scheduler threads %d, max heap %.0f MB, %d CPUs, JDK %s%n",
                n, tls, schedulerThreads, Runtime.getRuntime().maxMemory() / MB,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        long t = System.nanoTime();
        ProsodyServer prosody = ProsodyServer.startWithManyUsers(dir, DOMAIN, users);
        System.out.printf(Locale.ROOT, "Prosody %s started with %d users in %.1f s (pid %d)%n", prosodyVersion(),
                users.size(), (System.nanoTime() - t) / 1e9, prosody.pid());
        System.out.println("open files limit: this JVM " + openFilesLimit("self") + ", Prosody "
                + openFilesLimit(Long.toString(prosody.pid())));

        ThreadFactory named = new ThreadFactory() {
            private final AtomicInteger count = new AtomicInteger();

            @Override
            public Thread newThread(Runnable r) {
                Thread th = new Thread(r, "chat-scheduler-" + count.incrementAndGet());
                th.setDaemon(true);
                return th;
            }
        };
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(schedulerThreads, named);
        ChatSettings settings = new ChatSettings(DOMAIN, "127.0.0.1",
                tls == ChatSettings.Tls.DIRECT ? prosody.directTlsPort() : prosody.port(), APP_ID, tls,
                prosody.trustManager(), Duration.ofSeconds(10),
                new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.2), "ponte");
        AtomicLong retries = new AtomicLong();
        AtomicLong received = new AtomicLong();
        ChatListener listener = new ChatListener() {
            @Override
            public void onSignaling(SignalingEnvelope envelope) {
                received.incrementAndGet();
            }

            @Override
            public void onStateChanged(ConnectyCubeChat.State state, Throwable cause) {
                if (state == ConnectyCubeChat.State.WAITING_TO_RECONNECT) {
                    retries.incrementAndGet();
                }
            }
        };
        try {
            // warm-up: one chat online and closed, so that classes and Smack's static state are in the baseline
            try (ConnectyCubeChat warm = new ConnectyCubeChat(settings, FIRST_USER, passwords.get(FIRST_USER), listener,
                    scheduler)) {
                warm.start();
                await("the warm-up chat online", Duration.ofSeconds(30), () -> warm.state() == ConnectyCubeChat.State.ONLINE);
            }
            await("the warm-up chat's threads gone", Duration.ofSeconds(30), () -> smackConnectionThreads() == 0);
            Sample before = sample();

            List<ConnectyCubeChat> chats = new ArrayList<>(n);
            for (long u = FIRST_USER + 1; u <= FIRST_USER + n; u++) {
                chats.add(new ConnectyCubeChat(settings, u, passwords.get(u), listener, scheduler));
            }
            long cpu0 = processCpuNanos();
            long prosodyCpu0 = prosodyCpuNanos(prosody.pid());
            long start = System.nanoTime();
            chats.forEach(ConnectyCubeChat::start);
            await("all " + n + " chats online", Duration.ofSeconds(60 + n / 5),
                    () -> online(chats) == n);
            long connectNanos = System.nanoTime() - start;
            long connectCpu = processCpuNanos() - cpu0;
            long connectProsodyCpu = prosodyCpuNanos(prosody.pid()) - prosodyCpu0;

            // the connections carry traffic: first to last and back
            ConnectyCubeChat a = chats.get(0);
            ConnectyCubeChat z = chats.get(n - 1);
            long heard = received.get();
            a.send(z.userId(), hangUp(a.userId(), z.userId()));
            z.send(a.userId(), hangUp(z.userId(), a.userId()));
            await("signaling both ways", Duration.ofSeconds(10), () -> received.get() == heard + 2);

            Sample onlineSample = sample();
            if (Boolean.getBoolean("bench.histogram")) {
                System.out.println(classHistogramTop(25));
            }

            long idleCpu0 = processCpuNanos();
            long idleProsody0 = prosodyCpuNanos(prosody.pid());
            long idleStart = System.nanoTime();
            // a fixed measuring window, not a wait for readiness
            LockSupport.parkNanos(idle.toNanos());
            long idleNanos = System.nanoTime() - idleStart;
            long idleCpu = processCpuNanos() - idleCpu0;
            long idleProsodyCpu = prosodyCpuNanos(prosody.pid()) - idleProsody0;
            int stillOnline = online(chats);

            long closeStart = System.nanoTime();
            chats.forEach(ConnectyCubeChat::close);
            long closeNanos = System.nanoTime() - closeStart;
            long threadsBackStart = System.nanoTime();
            await("Smack's connection threads gone", Duration.ofSeconds(60), () -> smackConnectionThreads() == 0);
            long readerWriterGoneNanos = System.nanoTime() - threadsBackStart;
            // Smack's shared cached executor keeps idle threads 60 s: wait (bounded) for the count to come back
            boolean threadsBack = awaitQuietly(Duration.ofSeconds(90),
                    () -> ManagementFactory.getThreadMXBean().getThreadCount() <= before.threads());
            long threadsBackNanos = System.nanoTime() - threadsBackStart;
            chats.clear();
            Sample after = sample();

            print(n, before, onlineSample, after);
            System.out.printf(Locale.ROOT, "%ntime to bring %d online: %.2f s (%.1f logins/s; %d retries); CPU meanwhile: "
                    + "this JVM %.1f ms, Prosody %.1f ms per login%n", n, connectNanos / 1e9, n / (connectNanos / 1e9),
                    retries.get(), connectCpu / 1e6 / n, connectProsodyCpu / 1e6 / n);
            System.out.printf(Locale.ROOT, "idle %.0f s with %d online (%d still online after): CPU this JVM %.2f%% of one core, "
                    + "Prosody %.2f%%%n", idleNanos / 1e9, n, stillOnline, 100.0 * idleCpu / idleNanos,
                    100.0 * idleProsodyCpu / idleNanos);
            System.out.printf(Locale.ROOT, "close all: %.2f s; Smack reader/writer threads gone %.2f s later; "
                    + "thread count %s baseline %.1f s after close%n", closeNanos / 1e9, readerWriterGoneNanos / 1e9,
                    threadsBack ? "back to" : "NOT back to", threadsBackNanos / 1e9);
            System.out.println("threads by name while online: " + onlineSample.threadGroups());
            System.out.println("threads by name after close:  " + after.threadGroups());
            if (stillOnline != n || !threadsBack) {
                System.out.println("RESULT: FAILED (connections dropped while idle, or threads not returned)");
                System.exit(1);
            }
            System.out.println("RESULT: OK");
        } finally {
            scheduler.shutdownNow();
            prosody.close();
            if (keep == null) {
                deleteTree(dir);
            }
        }
    }

    private static SignalingMessage.HangUp hangUp(long from, long to) {
        return new SignalingMessage.HangUp("9f0c1e2a-0000-4000-8000-00000000b001",
                CallContext.oneToOne(CallType.AUDIO, from, to), UserInfo.of("reason", "footprint"), "web");
    }

    private static int online(List<ConnectyCubeChat> chats) {
        int k = 0;
        for (ConnectyCubeChat c : chats) {
            if (c.state() == ConnectyCubeChat.State.ONLINE) {
                k++;
            }
        }
        return k;
    }

    private static void print(int n, Sample before, Sample online, Sample after) {
        System.out.printf(Locale.ROOT, "%n| N=%d | before | %d online | per connection | after close |%n", n, n);
        System.out.println("|---|---|---|---|---|");
        row("heap used after full GC (MB)", before.heapUsed() / MB, online.heapUsed() / MB,
                (online.heapUsed() - before.heapUsed()) / 1024.0 / n, "KB", after.heapUsed() / MB);
        row("live threads", before.threads(), online.threads(), (online.threads() - before.threads()) / (double) n, "",
                after.threads());
        row("resident memory (MB)", before.rss() / MB, online.rss() / MB, (online.rss() - before.rss()) / 1024.0 / n, "KB",
                after.rss() / MB);
        if (online.threadStacksCommitted() >= 0) {
            row("thread stacks committed, NMT (MB)", before.threadStacksCommitted() / MB,
                    online.threadStacksCommitted() / MB,
                    (online.threadStacksCommitted() - before.threadStacksCommitted()) / 1024.0 / n, "KB",
                    after.threadStacksCommitted() / MB);
        }
    }

    private static void row(String what, double before, double online, double per, String perUnit, double after) {
        System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.2f%s | %.1f |%n", what, before, online, per,
                perUnit.isEmpty() ? "" : " " + perUnit, after);
    }

    private static Sample sample() throws Exception {
        fullGc();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Integer> groups = new TreeMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null) {
                groups.merge(info.getThreadName().replaceAll("[0-9]+", "#"), 1, Integer::sum);
            }
        }
        return new Sample(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), threads.getThreadCount(),
                rss(), threadStacksCommitted(), groups);
    }

    /** System.gc() is a full, stop-the-world collection with G1 unless -XX:+ExplicitGCInvokesConcurrent. */
    private static void fullGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
    }

    private static int smackConnectionThreads() {
        int k = 0;
        for (Thread th : Thread.getAllStackTraces().keySet()) {
            String name = th.getName();
            if (name.startsWith("Smack Reader") || name.startsWith("Smack Writer")) {
                k++;
            }
        }
        return k;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long clockTicks = -1;

    /** utime + stime of a process from /proc, in nanoseconds. */
    private static long prosodyCpuNanos(long pid) throws IOException, InterruptedException {
        if (clockTicks < 0) {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor(10, TimeUnit.SECONDS);
            clockTicks = Long.parseLong(out);
        }
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // after the command: state is field 3, utime 14, stime 15 (1-based over the whole line)
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return ticks * 1_000_000_000L / clockTicks;
    }

    private static long rss() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }

    private static String openFilesLimit(String pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/limits"))) {
            if (line.startsWith("Max open files")) {
                return line.replaceAll("^Max open files\\s+", "").replaceAll("\\s+files\\s*$", "").replaceAll("\\s+", "/");
            }
        }
        return "?";
    }

    private static String diagnosticCommand(String operation, String... args) throws Exception {
        return (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), operation, new Object[] {args},
                new String[] {String[].class.getName()});
    }

    private static final Pattern NMT_THREAD = Pattern.compile("-\\s+Thread \\(reserved=\\d+KB, committed=(\\d+)KB\\)");

    /** Committed thread stacks from native memory tracking, or -1 when it is off. */
    private static long threadStacksCommitted() {
        try {
            String summary = diagnosticCommand("vmNativeMemory", "summary");
            Matcher m = NMT_THREAD.matcher(summary);
            return m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
        } catch (Exception e) {
            return -1;
        }
    }

    private static String classHistogramTop(int lines) throws Exception {
        String[] all = diagnosticCommand("gcClassHistogram").split("\n");
        StringBuilder b = new StringBuilder("class histogram (live objects), top ").append(lines).append(":\n");
        for (int i = 0; i < Math.min(all.length, lines + 3); i++) {
            b.append(all[i]).append('\n');
        }
        return b.toString();
    }

    private static String prosodyVersion() {
        try {
            Process p = new ProcessBuilder("dpkg-query", "-W", "-f=${Version}", "prosody").start();
            String v = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor(10, TimeUnit.SECONDS);
            return v;
        } catch (IOException | InterruptedException e) {
            return "?";
        }
    }

    private static void await(String what, Duration limit, BooleanSupplier condition) {
        if (!awaitQuietly(limit, condition)) {
            throw new IllegalStateException("timed out after " + limit.toSeconds() + " s waiting for " + what);
        }
    }

    private static boolean awaitQuietly(Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            // poll interval: re-checked until it holds or the deadline passes
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        return true;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
