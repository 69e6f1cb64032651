package io.ponte.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The private Prosody that the test launcher starts in the test network namespace (scripts/prosody-local)
 * as the ConnectyCube chat the server under test is configured with: domain localhost, app id 385.
 */
public final class TestChat {

    public static final String APP_ID = "385";
    private static final Path DIR = Path.of(System.getenv("PONTE_TEST_PROSODY_DIR"));

    private TestChat() {
    }

    /** Creates the chat account of ConnectyCube user {@code userId}. */
    public static void register(long userId, String password) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(System.getenv("PONTE_SCRIPTS") + "/prosody-local", "register", DIR.toString(),
                userId + "-" + APP_ID, password).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("prosodyctl register failed: " + out);
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
