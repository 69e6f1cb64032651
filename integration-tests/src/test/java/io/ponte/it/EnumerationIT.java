package io.ponte.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.ponte.it.support.AdminApi;
import io.ponte.it.support.PonteEar;
import io.ponte.it.support.SipClient;
import io.ponte.it.support.TestDigest;

/**
 * A scanner learns nothing from Ponte's answers: a subscriber, an extension nobody has, and one outside
 * the provisioned range get the same REGISTER and INVITE answers, byte for byte apart from the values
 * every request changes (tags, branch, nonce, Call-ID, the client's port) and the user part itself.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EnumerationIT {

    private static final String DOMAIN = "ponte.local";
    private static final String EXISTING = "321";
    private static final List<String> USERS = List.of(EXISTING, "329", "5321");

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return PonteEar.archive();
    }

    /** What is left of an answer once everything a request changes anyway is masked. */
    private static String masked(SipClient.Response r, String user) {
        return r.raw().replaceAll("tag=[^;>\\s]+", "tag=*")
                .replaceAll("branch=[^;\\s]+", "branch=*")
                .replaceAll("nonce=\"[^\"]*\"", "nonce=*")
                .replaceAll("(?m)^Call-ID: .*$", "Call-ID: *")
                .replaceAll("rport=\\d+", "rport=*")
                .replaceAll("127\\.0\\.0\\.1:\\d+", "127.0.0.1:*")
                .replace(user, "USER");
    }

    /** The first answer (no credentials) and the second (a wrong password) each user gets, masked. */
    private static List<List<String>> answers(String method, Function<SipClient, Request> request) throws IOException {
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        for (String user : USERS) {
            Request r = null;
            SipClient.Response challenge;
            try (SipClient phone = new SipClient()) { // a socket per request: an INVITE's answer is repeated until ACKed
                r = request.apply(phone);
                challenge = phone.send(r.build(user, List.of()));
            }
            first.add(masked(challenge, user));
            String md5 = TestDigest.challengeFor(challenge.all(r.challengeHeader()), "MD5");
            String credentials = TestDigest.authorization(md5, user, "guessed-password", method, r.uri(user), "00000001")
                    .replaceFirst("^Authorization", r.credentialsHeader());
            try (SipClient phone = new SipClient()) {
                second.add(masked(phone.send(request.apply(phone).build(user, List.of(credentials))), user));
            }
        }
        return List.of(first, second);
    }

    /** How to build one kind of request for a user. */
    private interface Request {
        String build(String user, List<String> headers);

        String uri(String user);

        String challengeHeader();

        String credentialsHeader();
    }

    private static Request register(SipClient phone) {
        return new Request() {
            public String build(String user, List<String> headers) {
                List<String> all = new ArrayList<>(List.of("Contact: <sip:" + user + "@127.0.0.1:" + phone.port() + ">", "Expires: 300"));
                all.addAll(headers);
                return phone.register(user, DOMAIN, SipClient.newCallId(), 1, all);
            }

            public String uri(String user) {
                return "sip:" + DOMAIN;
            }

            public String challengeHeader() {
                return "WWW-Authenticate";
            }

            public String credentialsHeader() {
                return "Authorization";
            }
        };
    }

    private static Request invite(SipClient phone) {
        return new Request() {
            public String build(String user, List<String> headers) {
                return phone.invite(user, "100", DOMAIN, SipClient.newCallId(), headers);
            }

            public String uri(String user) {
                return "sip:100@" + DOMAIN;
            }

            public String challengeHeader() {
                return "Proxy-Authenticate";
            }

            public String credentialsHeader() {
                return "Proxy-Authorization";
            }
        };
    }

    private static void assertAllAlike(List<String> masked, int status, String reason) {
        for (String m : masked) {
            assertEquals(masked.get(0), m, "answers differ between users " + USERS);
        }
        assertEquals("SIP/2.0 " + status + " " + reason, masked.get(0).lines().findFirst().orElse(""), masked.get(0));
    }

    /** The first and the second answer to {@code method} are each the same for every user. */
    private static void assertNothingToEnumerate(String method, Function<SipClient, Request> request, int challenge,
                                                 String challengeReason) throws Exception {
        AdminApi.deleteUser(EXISTING);
        AdminApi.deleteUser("329");
        AdminApi.createUser(EXISTING, "Real", "real-password");
        try {
            List<List<String>> answers = answers(method, request);
            assertAllAlike(answers.get(0), challenge, challengeReason);
            assertAllAlike(answers.get(1), 403, "Forbidden");
        } finally {
            AdminApi.deleteUser(EXISTING);
        }
    }

    @Test
    void registerAnswersAreTheSameForAnyExtension() throws Exception {
        assertNothingToEnumerate("REGISTER", EnumerationIT::register, 401, "Unauthorized");
    }

    @Test
    void inviteAnswersAreTheSameForAnyCaller() throws Exception {
        assertNothingToEnumerate("INVITE", EnumerationIT::invite, 407, "Proxy Authentication Required");
    }
}
