package io.ponte.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The test server's log files (its {@code standalone/log}: server.log, ponte.log, error.log, security.log). */
public final class ServerLog {

    /** The directory that holds them. */
    public static final Path DIR = Path.of(System.getProperty("jboss.server.base"), "log");

    private ServerLog() {
    }

    /** The lines of log {@code name} now (none if it does not exist yet). */
    public static List<String> lines(String name) {
        Path file = DIR.resolve(name);
        if (!Files.exists(file)) {
            return List.of();
        }
        try (Stream<String> lines = Files.lines(file, StandardCharsets.ISO_8859_1)) { // any byte reads
            return lines.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every log file there. */
    public static List<Path> files() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.toList();
        }
    }
}
