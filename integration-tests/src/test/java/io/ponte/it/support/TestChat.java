package io.ponte.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The chat of the ConnectyCube stand-in that the test launcher runs in the test network namespace
 * (connectycube-standin: a real Prosody, domain localhost, application 385), which the server under
 * test is configured with. Its work directory is {@code PONTE_TEST_STANDIN_DIR}; Prosody's run
 * directory (configuration, data, log) is {@code prosody/} in it.
 */
public final class TestChat {

    public static final String APP_ID = "385";
    private static final Path DIR = Path.of(System.getenv("PONTE_TEST_STANDIN_DIR"), "prosody");

    private TestChat() {
    }

    /**
     * Creates (or resets) the chat account of ConnectyCube user {@code userId}, {@code {userId}-385@localhost}
     * with {@code password}: prosodyctl against the stand-in's Prosody configuration writes it into the
     * data directory that Prosody reads at each login. Only the chat knows this user; the stand-in's
     * REST API (which numbers its users itself) does not.
     */
    public static void register(long userId, String password) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("prosodyctl", "--config", DIR.resolve("prosody.cfg.lua").toString(), "register",
                userId + "-" + APP_ID, "localhost", password).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("prosodyctl register did not finish within 30 s: " + out);
        }
        if (p.exitValue() != 0) {
            throw new IOException("prosodyctl register failed (" + p.exitValue() + "): " + out);
        }
    }

    /** Prosody's log: what the chat server itself saw. */
    public static String log() {
        try {
            return Files.readString(DIR.resolve("prosody.log"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JID of ConnectyCube user {@code userId} in this chat. */
    public static String jid(long userId) {
        return userId + "-" + APP_ID + "@localhost";
    }
}
