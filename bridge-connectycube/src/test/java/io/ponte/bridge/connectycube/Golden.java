package io.ponte.bridge.connectycube;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Reads the golden files captured from the official SDK (src/test/resources/golden, see its README). */
public final class Golden {
    private Golden() {
    }

    public static Path dir(String sub) {
        URL url = Golden.class.getResource("/golden/" + sub);
        if (url == null) {
            throw new IllegalStateException("golden/" + sub + " is missing from the test class path");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String read(String name) {
        try {
            return Files.readString(dir(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Files under {@code golden/sub} whose names end with {@code suffix}, sorted by name. */
    public static List<Path> list(String sub, String suffix) {
        try (Stream<Path> s = Files.list(dir(sub))) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
