package io.ponte.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.ponte.it.support.AdminApi;
import io.ponte.it.support.PonteEar;
import io.ponte.it.support.TestDatabaseRows;
import io.ponte.it.support.TestSubscribers;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

/** Subscriber <-> ConnectyCube user mappings as a provisioning script would manage them. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MappingsIT {

    private static final String CC_PASSWORD = "cc-Secret-4711";

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return PonteEar.archive();
    }

    private static String body(String extension, long userId, String login, String password) {
        return "{\"extension\":\"" + extension + "\",\"connectycubeUserId\":" + userId + ",\"connectycubeLogin\":\"" + login + "\""
                + (password == null ? "" : ",\"connectycubePassword\":\"" + password + "\"") + ",\"displayName\":\"Ana\"}";
    }

    /** The sealed password in a row's text. */
    private static String sealed(String row) {
        int start = row.indexOf("v1:");
        return row.substring(start, row.indexOf(',', start));
    }

    private static void assertProblem(HttpResponse<String> r, int status, String field) {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""), r.body());
        JsonArray invalid = ((JsonObject) AdminApi.json(r)).getJsonArray("invalidParams");
        assertNotNull(invalid, r.body());
        assertTrue(invalid.stream().anyMatch(p -> field.equals(((JsonObject) p).getString("name"))), r.body());
    }

    @Test
    void aMappingIsCreatedReadChangedAndRemovedAndItsPasswordNeverComesBack() throws Exception {
        TestSubscribers.pair("481", "482", () -> {
            HttpResponse<String> created = AdminApi.call("POST", "/api/mappings", body("481", 90481, "ana_cc", CC_PASSWORD));
            assertEquals(201, created.statusCode(), created.body());
            JsonObject mapping = (JsonObject) AdminApi.json(created);
            long id = mapping.getJsonNumber("id").longValue();
            assertTrue(created.headers().firstValue("Location").orElse("").endsWith("/api/mappings/" + id), created.headers().toString());
            assertEquals("481", mapping.getString("extension"));
            assertEquals(90481, mapping.getJsonNumber("connectycubeUserId").longValue());
            assertTrue(mapping.getBoolean("enabled"), "enabled by default");
            assertTrue(mapping.getBoolean("passwordSet"));
            assertFalse(created.body().contains(CC_PASSWORD), created.body());

            String row = TestDatabaseRows.mappingRow("481");
            assertNotNull(row);
            assertFalse(row.contains(CC_PASSWORD), "stored in clear: " + row);
            assertTrue(row.contains("v1:"), "stored sealed: " + row);

            HttpResponse<String> changed = AdminApi.call("PUT", "/api/mappings/" + id,
                    "{\"extension\":\"481\",\"connectycubeUserId\":90481,\"connectycubeLogin\":\"ana_lima\",\"enabled\":false}");
            assertEquals(200, changed.statusCode(), changed.body());
            JsonObject got = (JsonObject) AdminApi.getJson("/api/mappings/" + id);
            assertEquals("ana_lima", got.getString("connectycubeLogin"));
            assertFalse(got.getBoolean("enabled"));
            assertEquals(sealed(row), sealed(TestDatabaseRows.mappingRow("481")), "a PUT without a password keeps the sealed one");
            assertTrue(((JsonArray) AdminApi.getJson("/api/mappings")).stream()
                    .anyMatch(m -> ((JsonObject) m).getJsonNumber("id").longValue() == id));

            assertEquals(204, AdminApi.call("DELETE", "/api/mappings/" + id, null).statusCode());
            assertEquals(404, AdminApi.call("GET", "/api/mappings/" + id, null).statusCode());
            assertEquals(404, AdminApi.call("DELETE", "/api/mappings/" + id, null).statusCode());
            assertNull(TestDatabaseRows.mappingRow("481"));
        });
    }

    @Test
    void eachSideIsMappedOnceAndBadValuesAreNamed() throws Exception {
        TestSubscribers.pair("483", "484", () -> {
            assertEquals(201, AdminApi.call("POST", "/api/mappings", body("483", 90483, "bo_cc", CC_PASSWORD)).statusCode());
            assertProblem(AdminApi.call("POST", "/api/mappings", body("483", 90999, "bo_other", CC_PASSWORD)), 409, "extension");
            assertProblem(AdminApi.call("POST", "/api/mappings", body("484", 90483, "cy_cc", CC_PASSWORD)), 409, "connectycubeUserId");
            assertProblem(AdminApi.call("POST", "/api/mappings", body("489", 90489, "nobody", CC_PASSWORD)), 400, "extension");
            assertProblem(AdminApi.call("POST", "/api/mappings", body("484", -5, "cy_cc", CC_PASSWORD)), 400, "connectycubeUserId");
            assertProblem(AdminApi.call("POST", "/api/mappings", body("484", 90484, "", CC_PASSWORD)), 400, "connectycubeLogin");
            assertProblem(AdminApi.call("POST", "/api/mappings", body("484", 90484, "cy_cc", null)), 400, "connectycubePassword");
            assertProblem(AdminApi.call("POST", "/api/mappings", body("4x4", 90484, "cy_cc", CC_PASSWORD)), 400, "extension");
            assertEquals(404, AdminApi.call("GET", "/api/mappings/not-a-number", null).statusCode());
        });
        // the subscribers are gone, and their mappings with them
        assertNull(TestDatabaseRows.mappingRow("483"));
    }
}
