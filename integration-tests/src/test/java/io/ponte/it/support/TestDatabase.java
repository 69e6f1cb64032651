package io.ponte.it.support;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** The private PostgreSQL the tests run against (started by the test JVM's launcher), for outage tests. */
public final class TestDatabase {

    private TestDatabase() {
    }

    public static void stop() {
        pgLocal("stop");
    }

    public static void start() {
        pgLocal("start");
    }

    private static void pgLocal(String action) {
        String scripts = System.getenv("PONTE_SCRIPTS");
        String data = System.getenv("PONTE_TEST_PGDATA");
        try {
            Process p = new ProcessBuilder(scripts + "/pg-local", action, data, "5432").inheritIO().start();
            if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("pg-local " + action + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
