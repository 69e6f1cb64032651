package io.ponte.it.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import jakarta.json.JsonObject;

/**
 * A second Ponte node beside the server Arquillian manages, for what a test cannot do to that one (kill it
 * with SIGKILL, stop and start it while the database is down): its own WildFly from the configured server
 * ({@code standalone.sh}, socket ports +100 so HTTP is 8180, SIP on 5160), the same PostgreSQL and
 * rtpengine, the ConnectyCube bridge off (the main node keeps the stand-in's identities online). Its server
 * base, and so its data directory and call record journal, lasts across restarts until {@link #close}.
 */
public final class SecondNode implements AutoCloseable {

    public static final int SIP_PORT = 5160;
    public static final String SIP = "127.0.0.1:" + SIP_PORT;
    public static final String HTTP = "http://127.0.0.1:8180";

    private final Path base;
    private Process launcher;

    private SecondNode(Path base) {
        this.base = base;
    }

    /** A fresh server base for node {@code name}, with the EAR deployed (not started yet). */
    public static SecondNode prepare(String name) throws IOException {
        Path base = Path.of(System.getProperty("ponte.work.dir"), "nodes", name);
        deleteTree(base);
        // the configured server's own standalone/ (the tests' server base has Arquillian's deployment in its standalone.xml)
        Path pristine = Path.of(System.getProperty("jboss.home"), "standalone");
        try (Stream<Path> all = Files.walk(pristine)) {
            for (Path from : (Iterable<Path>) all::iterator) {
                Path rel = pristine.relativize(from);
                String top = rel.getNameCount() == 0 ? "" : rel.getName(0).toString();
                if (List.of("data", "tmp", "log", "deployments").contains(top) && rel.getNameCount() > 1) {
                    continue;
                }
                Path to = base.resolve(rel.toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Files.createDirectories(base.resolve("deployments"));
        Files.createDirectories(base.resolve("log"));
        Files.copy(Path.of(System.getProperty("ponte.ear")), base.resolve("deployments/ponte.ear"));
        return new SecondNode(base);
    }

    /** Starts the node and waits (up to 180 s) until Ponte on it is healthy, or at least answers when {@code healthy} is false. */
    public void start(boolean healthy) throws IOException {
        Path jboss = Path.of(System.getProperty("jboss.home"));
        ProcessBuilder pb = new ProcessBuilder(jboss.resolve("bin/standalone.sh").toString(),
                "-Djboss.server.base.dir=" + base, "-Djboss.socket.binding.port-offset=100")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(base.resolve("log/console.log").toFile()));
        Map<String, String> env = pb.environment();
        env.put("LAUNCH_JBOSS_IN_BACKGROUND", "1");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("PONTE_HEAP", "1g");
        env.put("PONTE_SIP_PORT", Integer.toString(SIP_PORT));
        env.put("PONTE_SIP_TLS_PORT", Integer.toString(SIP_PORT + 1));
        env.put("PONTE_DTMF_LISTEN", "127.0.0.1:22323");
        env.put("CONNECTYCUBE_APP_ID", "");
        launcher = pb.start();
        Poll.untilTrue(Duration.ofSeconds(180), "the second node to answer on " + HTTP, () -> {
            if (!launcher.isAlive()) {
                throw new AssertionError("the second node exited; see " + base.resolve("log"));
            }
            try {
                int status = AdminApi.callAt(HTTP, "GET", "/api/health", null, null).statusCode();
                return healthy ? status == 200 : status == 200 || status == 503;
            } catch (IllegalStateException notYet) {
                return false;
            }
        });
    }

    /** This node's {@code /api/health} body (whatever its status). */
    public JsonObject health() {
        return (JsonObject) AdminApi.json(AdminApi.callAt(HTTP, "GET", "/api/health", null, null));
    }

    /** Kills the server's JVM with SIGKILL, as a crash or the OOM killer would, and waits for it to be gone. */
    public void kill() throws InterruptedException {
        for (ProcessHandle p : serverJvms()) {
            p.destroyForcibly();
            p.onExit().orTimeout(30, TimeUnit.SECONDS).join();
        }
        launcher.destroyForcibly();
        launcher.waitFor(30, TimeUnit.SECONDS);
    }

    /** Stops the server as an operator does (SIGTERM: WildFly undeploys Ponte, which ends its calls) and waits up to 90 s. */
    public void stop() throws InterruptedException {
        for (ProcessHandle p : serverJvms()) {
            p.destroy();
            p.onExit().orTimeout(90, TimeUnit.SECONDS).join();
        }
        launcher.waitFor(30, TimeUnit.SECONDS);
    }

    /** Ponte's log on this node. */
    public String log() throws IOException {
        Path log = base.resolve("log/ponte.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private List<ProcessHandle> serverJvms() {
        String marker = "-Djboss.server.base.dir=" + base;
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .filter(p -> p.info().command().map(c -> c.endsWith(File.separator + "java")).orElse(false))
                .toList();
    }

    @Override
    public void close() throws Exception {
        if (launcher != null && launcher.isAlive()) {
            kill();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
