package io.ponte.bridge.connectycube.chat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.X509TrustManager;

/**
 * A private Prosody (Debian package) on 127.0.0.1 for tests: its own config, data and a fresh
 * self-signed certificate under a temporary directory; STARTTLS required and PLAIN the only SASL
 * mechanism, as ConnectyCube's chat offers. Started and stopped by the test.
 */
final class ProsodyServer implements AutoCloseable {
    private final Path dir;
    private final String domain;
    private final int port;
    private final int directTlsPort;
    private Process process;

    private ProsodyServer(Path dir, String domain, int port, int directTlsPort) {
        this.dir = dir;
        this.domain = domain;
        this.port = port;
        this.directTlsPort = directTlsPort;
    }

    static boolean installed() {
        return Files.isExecutable(Path.of("/usr/bin/prosody")) && Files.isExecutable(Path.of("/usr/bin/prosodyctl"))
                && Files.isExecutable(Path.of("/usr/bin/openssl"));
    }

    /** Writes the configuration, makes the certificate, registers {@code users} (local part to password), starts. */
    static ProsodyServer start(Path dir, String domain, Map<String, String> users) throws Exception {
        int port;
        int directTlsPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ServerSocket t = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
            directTlsPort = t.getLocalPort();
        }
        ProsodyServer p = new ProsodyServer(dir, domain, port, directTlsPort);
        Files.createDirectories(dir.resolve("data"));
        Files.createDirectories(dir.resolve("certs"));
        run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=" + domain,
                "-addext", "subjectAltName=DNS:" + domain, "-keyout", p.cert("key").toString(), "-out",
                p.cert("crt").toString()));
        String template;
        try (InputStream in = ProsodyServer.class.getResourceAsStream("/chat/prosody-test.cfg.lua.in")) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Files.writeString(p.config(), template.replace("@DIR@", dir.toString()).replace("@DOMAIN@", domain)
                .replace("@C2S@", Integer.toString(port)).replace("@DTLS@", Integer.toString(directTlsPort)));
        for (Map.Entry<String, String> u : users.entrySet()) {
            run(List.of("prosodyctl", "--config", p.config().toString(), "register", u.getKey(), domain, u.getValue()));
        }
        p.start();
        return p;
    }

    /**
     * As {@link #start(Path, String, Map)}, for many users: the first is registered with {@code prosodyctl}
     * (about 60 ms each here), the others are written in the same form into Prosody's account store
     * (internal storage, one file per account) once the first file shows that form, else all with
     * {@code prosodyctl}. Passwords must be letters and digits.
     */
    static ProsodyServer startWithManyUsers(Path dir, String domain, Map<String, String> users) throws Exception {
        if (users.isEmpty()) {
            return start(dir, domain, users);
        }
        for (String pw : users.values()) {
            if (!pw.matches("[A-Za-z0-9]+")) {
                throw new IllegalArgumentException("bulk registration takes passwords of letters and digits only");
            }
        }
        Map.Entry<String, String> first = users.entrySet().iterator().next();
        ProsodyServer p = start(dir, domain, Map.of(first.getKey(), first.getValue()));
        Path accounts = dir.resolve("data").resolve(storeName(domain)).resolve("accounts");
        Path firstFile = accounts.resolve(storeName(first.getKey()) + ".dat");
        boolean sameForm = Files.isRegularFile(firstFile)
                && Files.readString(firstFile).equals(accountFile(first.getValue()));
        for (Map.Entry<String, String> u : users.entrySet()) {
            if (u.getKey().equals(first.getKey())) {
                continue;
            }
            if (sameForm) {
                Files.writeString(accounts.resolve(storeName(u.getKey()) + ".dat"), accountFile(u.getValue()));
            } else {
                run(List.of("prosodyctl", "--config", p.config().toString(), "register", u.getKey(), domain, u.getValue()));
            }
        }
        return p;
    }

    /** Prosody's datamanager file name encoding: every byte but letters, digits and _ as %xx. */
    private static String storeName(String s) {
        StringBuilder b = new StringBuilder();
        for (byte c : s.getBytes(StandardCharsets.UTF_8)) {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_') {
                b.append((char) c);
            } else {
                b.append('%').append(String.format("%02x", c & 0xff));
            }
        }
        return b.toString();
    }

    private static String accountFile(String password) {
        return "return {\n\t[\"password\"] = \"" + password + "\";\n};\n";
    }

    /** The server's process id (for CPU figures). */
    long pid() {
        return process.pid();
    }

    private Path cert(String ext) {
        return dir.resolve("certs").resolve(domain + "." + ext);
    }

    private Path config() {
        return dir.resolve("prosody.cfg.lua");
    }

    /** The STARTTLS client port. */
    int port() {
        return port;
    }

    /** The direct TLS client port. */
    int directTlsPort() {
        return directTlsPort;
    }

    /** Starts (again) and waits until both client ports accept connections. */
    void start() throws Exception {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("already running");
        }
        process = new ProcessBuilder("prosody", "--config", config().toString(), "-F")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("prosody.out").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
                    Socket t = new Socket(InetAddress.getLoopbackAddress(), directTlsPort)) {
                return;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("prosody exited: " + Files.readString(dir.resolve("prosody.out")));
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("prosody did not open port " + port + " within 20 s");
                }
                Thread.onSpinWait();
                process.waitFor(20, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Stops the server (SIGTERM) and waits for it to exit. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Trusts exactly this server's self-signed certificate. */
    X509TrustManager trustManager() throws Exception {
        return PemTrust.of(cert("crt"));
    }

    String log() throws IOException {
        Path log = dir.resolve("prosody.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command.subList(0, 2)) + " failed: " + out);
        }
    }
}
