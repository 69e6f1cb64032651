package io.ponte.auth.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Golden file: digest-credentials.txt lists header values and their expected parse. */
class DigestCredentialsGoldenTest {

    @TestFactory
    List<DynamicTest> goldenFile() throws IOException {
        List<String> lines;
        try (InputStream in = getClass().getResourceAsStream("/digest/credentials-golden.txt")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i + 1 < lines.size(); i += 2) {
            String header = lines.get(i).substring("header ".length());
            String expected = lines.get(i + 1).substring("=> ".length());
            tests.add(DynamicTest.dynamicTest(header, () -> check(header, expected)));
        }
        assertTrue(tests.size() >= 8, "golden file read");
        return tests;
    }

    private static void check(String header, String expected) {
        if (expected.startsWith("ERROR: ")) {
            MalformedCredentialsException e = assertThrows(MalformedCredentialsException.class,
                    () -> DigestCredentials.parse(header));
            assertEquals(expected.substring("ERROR: ".length()), e.getMessage());
            return;
        }
        DigestCredentials c = DigestCredentials.parse(header);
        Map<String, String> actual = new LinkedHashMap<>();
        actual.put("username", c.username());
        actual.put("realm", c.realm());
        actual.put("nonce", c.nonce());
        actual.put("uri", c.uri());
        actual.put("response", c.response());
        actual.put("algorithm", c.algorithm().orElse("-"));
        actual.put("qop", c.qop().orElse("-"));
        actual.put("nc", c.nc().orElse("-"));
        actual.put("cnonce", c.cnonce().orElse("-"));
        StringBuilder rendered = new StringBuilder();
        actual.forEach((k, v) -> rendered.append(rendered.length() == 0 ? "" : " ").append(k).append('=').append(v));
        assertEquals(expected, rendered.toString());
    }
}
