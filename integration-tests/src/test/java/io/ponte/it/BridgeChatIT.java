package io.ponte.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.ponte.it.support.AdminApi;
import io.ponte.it.support.Poll;
import io.ponte.it.support.PonteEar;
import io.ponte.it.support.TestChat;
import io.ponte.it.support.TestSubscribers;
import jakarta.json.JsonObject;

/**
 * An enabled mapping's ConnectyCube identity is kept online in the chat (a real Prosody standing in for
 * ConnectyCube's), goes offline when the mapping is disabled and comes back when it is enabled again.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BridgeChatIT {

    private static final long CC_USER = 94_910;
    private static final String CC_PASSWORD = "chat-pw-94910";

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return PonteEar.archive();
    }

    private static JsonObject bridge() {
        return ((JsonObject) AdminApi.getJson("/api/health")).getJsonObject("connectycube");
    }

    /** How many times Prosody logged {@code what} for the mapped user's session. */
    private static long chatLogLines(String what) {
        return TestChat.log().lines().filter(l -> l.contains(what) && l.contains(TestChat.jid(CC_USER))).count();
    }

    @Test
    void aMappingsIdentityIsOnlineInTheChatWhileTheMappingIsEnabled() throws Exception {
        assertEquals("CONFIGURED", bridge().getString("status"), bridge().toString());
        TestChat.register(CC_USER, CC_PASSWORD);
        TestSubscribers.pair("491", "492", () -> {
            long loginsBefore = chatLogLines("Authenticated as");
            String body = "{\"extension\":\"491\",\"connectycubeUserId\":" + CC_USER + ",\"connectycubeLogin\":\"ana_cc\","
                    + "\"connectycubePassword\":\"" + CC_PASSWORD + "\"}";
            JsonObject mapping = (JsonObject) AdminApi.json(AdminApi.call("POST", "/api/mappings", body));
            long id = mapping.getJsonNumber("id").longValue();

            // Ponte logs in as the mapped user: the chat server says so, and so does Ponte's health
            Poll.untilTrue(Duration.ofSeconds(20), "Prosody to see " + TestChat.jid(CC_USER) + " log in",
                    () -> chatLogLines("Authenticated as") > loginsBefore);
            Poll.untilTrue(Duration.ofSeconds(10), "the mapping online in /api/health",
                    () -> bridge().getInt("mappingsOnline") == 1 && bridge().getInt("mappingsEnabled") == 1);

            // disabled: the session ends and nothing is kept online
            assertEquals(200, AdminApi.call("PUT", "/api/mappings/" + id, "{\"extension\":\"491\",\"connectycubeUserId\":"
                    + CC_USER + ",\"connectycubeLogin\":\"ana_cc\",\"enabled\":false}").statusCode());
            Poll.untilTrue(Duration.ofSeconds(20), "the mapping offline in /api/health",
                    () -> bridge().getInt("mappingsEnabled") == 0 && bridge().getInt("mappingsOnline") == 0);
            long loginsWhileDisabled = chatLogLines("Authenticated as");

            // enabled again: a new login, with the password still sealed in the database
            assertEquals(200, AdminApi.call("PUT", "/api/mappings/" + id, "{\"extension\":\"491\",\"connectycubeUserId\":"
                    + CC_USER + ",\"connectycubeLogin\":\"ana_cc\",\"enabled\":true}").statusCode());
            Poll.untilTrue(Duration.ofSeconds(20), "Prosody to see the user log in again",
                    () -> chatLogLines("Authenticated as") > loginsWhileDisabled);
            Poll.untilTrue(Duration.ofSeconds(10), "the mapping online again",
                    () -> bridge().getInt("mappingsOnline") == 1);
        });
        // the subscriber's removal took its mapping along, and the connection with it (at the next check)
        Poll.untilTrue(Duration.ofSeconds(45), "no mapping kept online after the subscriber is gone",
                () -> bridge().getInt("mappingsEnabled") == 0);
        assertTrue(TestChat.log().contains(TestChat.jid(CC_USER)), "the chat server saw the user");
    }
}
