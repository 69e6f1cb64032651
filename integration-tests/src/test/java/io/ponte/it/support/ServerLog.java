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

    /** The first log file with a line holding {@code text} (a secret that must not be there), if any. */
    public static java.util.Optional<Path> fileContaining(String text) throws IOException {
        for (Path f : files()) {
            if (lines(f.getFileName().toString()).stream().anyMatch(l -> l.contains(text))) {
                return java.util.Optional.of(f);
            }
        }
        return java.util.Optional.empty();
    }

    /** Every log file there. */
    public static List<Path> files() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.toList();
        }
    }
}
