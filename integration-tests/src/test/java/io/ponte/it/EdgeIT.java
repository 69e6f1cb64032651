package io.ponte.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.ponte.it.support.PonteEar;
import io.ponte.it.support.PonteServer;
import io.ponte.it.support.RawSip;
import io.ponte.it.support.ServerLog;

/**
 * Every request gets a well-formed answer: a corpus of malformed and of odd-but-valid requests
 * ({@code src/test/resources/sip-edge}, one message per file with its expected answer on top) goes to
 * Ponte over UDP and over TCP; each gets exactly the answer its file names (or none, for garbage, stray
 * responses and ACKs), and an OPTIONS on the same socket or connection right after it is answered 200.
 * Meanwhile nothing reaches error.log, and the WARN lines for all of it stay within one per minute.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EdgeIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return PonteEar.archive();
    }

    /** One corpus file: its name, expected status (0: no answer), reason, header, transports and text. */
    private record Case(String name, int status, String reason, String header, List<String> transports, String text) {

        static Case read(Path file) {
            String content;
            try {
                content = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            int status = -1;
            String reason = null;
            String header = null;
            List<String> transports = List.of("UDP", "TCP");
            List<String> lines = new ArrayList<>(content.lines().toList());
            while (!lines.isEmpty() && lines.get(0).startsWith("# ")) {
                String[] d = lines.remove(0).substring(2).split(" ", 2);
                switch (d[0]) {
                    case "expect" -> {
                        String[] e = d[1].split(" ", 2);
                        status = e[0].equals("none") ? 0 : Integer.parseInt(e[0]);
                        reason = e.length > 1 ? e[1] : null;
                    }
                    case "header" -> header = d[1];
                    case "transports" -> transports = List.of(d[1].split(" "));
                    default -> throw new IllegalArgumentException(file + ": unknown directive " + d[0]);
                }
            }
            assertTrue(status >= 0, file + " has no '# expect' line");
            return new Case(file.getFileName().toString(), status, reason, header, transports,
                    String.join("\r\n", lines) + (content.endsWith("\n\n") ? "\r\n" : ""));
        }

        String render(RawSip sip, String callId) {
            String long5000 = "x".repeat(5000);
            return text.replace("{server}", "127.0.0.1:" + PonteServer.SIP_PORT)
                    .replace("{client}", sip.client())
                    .replace("{transport}", sip.transport())
                    .replace("{transport_lc}", sip.transport().toLowerCase())
                    .replace("{branch}", "z9hG4bK" + UUID.randomUUID().toString().replace("-", ""))
                    .replace("{tag}", Integer.toHexString(callId.hashCode()))
                    .replace("{callid}", callId)
                    .replace("{long:5000}", long5000);
        }
    }

    private static List<Case> corpus() throws IOException, URISyntaxException {
        Path dir = Path.of(EdgeIT.class.getResource("/sip-edge").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".sip")).sorted().map(Case::read).toList();
        }
    }

    @Test
    void everyRequestInTheCorpusGetsItsAnswerOverUdpAndTcpAndTheServerKeepsAnswering() throws Exception {
        List<Case> corpus = corpus();
        assertTrue(corpus.size() >= 30, "corpus of " + corpus.size());
        long errorLinesBefore = ServerLog.lines("error.log").size();
        long edgeWarningsBefore = edgeWarnings();
        long started = System.nanoTime();
        List<String> failures = new ArrayList<>();
        int exchanges = 0;
        for (String transport : List.of("UDP", "TCP")) {
            for (Case c : corpus) {
                if (!c.transports().contains(transport)) {
                    continue;
                }
                try (RawSip sip = RawSip.open(transport)) {
                    String problem = exchange(sip, c);
                    if (problem != null) {
                        failures.add(transport + " " + c.name() + ": " + problem);
                    }
                    exchanges++;
                }
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + exchanges + " exchanges went wrong:\n" + String.join("\n", failures));
        assertEquals(errorLinesBefore, ServerLog.lines("error.log").size(), "the corpus left lines in error.log");
        long minutes = 1 + (System.nanoTime() - started) / 60_000_000_000L;
        long warnings = edgeWarnings() - edgeWarningsBefore;
        assertTrue(warnings >= 1 && warnings <= minutes + 1, warnings + " edge WARN lines in " + minutes + " minute(s), all from 127.0.0.1");
    }

    /** Sends the case and an OPTIONS after it; null when both got what they should. */
    private static String exchange(RawSip sip, Case c) throws IOException {
        String callId = UUID.randomUUID() + "@edge-it";
        sip.send(c.render(sip, callId));
        if (c.status() > 0) {
            String answer = awaitFinal(sip, 5000);
            if (answer == null) {
                return "no answer, expected " + c.status();
            }
            if (RawSip.status(answer) != c.status() || (c.reason() != null && !c.reason().equals(RawSip.reason(answer)))) {
                return "answered " + answer.lines().findFirst().orElse("") + ", expected " + c.status() + " " + c.reason();
            }
            String problem = wellFormed(answer, callId, c);
            if (problem != null) {
                return problem + " in\n" + answer;
            }
        }
        String probeId = UUID.randomUUID() + "@edge-it-probe";
        sip.send(options(sip, probeId));
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            String next = awaitFinal(sip, (int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000L));
            if (next == null) {
                break;
            }
            String answered = RawSip.header(next, "Call-ID");
            if (probeId.equals(answered)) {
                return RawSip.status(next) == 200 ? null : "the OPTIONS after it got " + RawSip.status(next);
            }
            if (c.status() == 0 || !callId.equals(answered)) { // a repeated final answer to an INVITE is fine
                return "an answer came that was not the OPTIONS': " + next.lines().findFirst().orElse("");
            }
        }
        return "the OPTIONS after it got no answer";
    }

    /** Status line one printable line, Call-ID echoed, a To tag on a final answer, the expected header. */
    private static String wellFormed(String answer, String callId, Case c) {
        String reason = RawSip.reason(answer);
        if (!reason.chars().allMatch(ch -> ch >= 0x20 && ch != 0x7f)) {
            return "a reason phrase with control characters";
        }
        String sentCallId = c.text().contains("{callid}") ? callId : null;
        if (sentCallId != null && !sentCallId.equals(RawSip.header(answer, "Call-ID"))
                && !sentCallId.equals(RawSip.header(answer, "i"))) {
            return "Call-ID not echoed";
        }
        String to = RawSip.header(answer, "To");
        if (c.text().contains("\nTo:") && (to == null || !to.toLowerCase().contains("tag="))) {
            return "no To tag";
        }
        if (c.header() != null) {
            String[] h = c.header().split(": ", 2);
            if (!h[1].equals(RawSip.header(answer, h[0]))) {
                return "expected header " + c.header();
            }
        }
        return null;
    }

    private static String awaitFinal(RawSip sip, int millis) throws IOException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < deadline) {
            String m = sip.receive((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000L));
            if (m != null && (!m.startsWith("SIP/2.0 1"))) {
                return m;
            }
        }
        return null;
    }

    private static String options(RawSip sip, String callId) {
        return "OPTIONS sip:127.0.0.1:" + PonteServer.SIP_PORT + " SIP/2.0\r\n"
                + "Via: SIP/2.0/" + sip.transport() + " " + sip.client() + ";branch=z9hG4bK" + UUID.randomUUID().toString().replace("-", "") + "\r\n"
                + "From: <sip:probe@127.0.0.1>;tag=p1\r\n"
                + "To: <sip:127.0.0.1:" + PonteServer.SIP_PORT + ">\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Max-Forwards: 70\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    private static long edgeWarnings() {
        return ServerLog.lines("ponte.log").stream()
                .filter(l -> l.contains("WARN") && l.contains("[io.ponte.sip.edge.EdgeValve]")).count();
    }
}
