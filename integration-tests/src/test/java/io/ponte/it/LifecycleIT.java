package io.ponte.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.ponte.it.support.AdminApi;
import io.ponte.it.support.Poll;
import io.ponte.it.support.PonteEar;
import io.ponte.it.support.PonteServer;
import io.ponte.it.support.Sipp;
import jakarta.json.JsonObject;

/** What operators do to a running server: redeploy the EAR, restart the server. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LifecycleIT {

    private static final String EAR = "ponte";

    @Deployment(name = EAR, managed = false, testable = false)
    static EnterpriseArchive ear() {
        return PonteEar.archive();
    }

    @ArquillianResource
    Deployer deployer;

    @ArquillianResource
    ManagementClient management;

    @Test
    void undeployFreesTheSipPortAndRedeployOpensItAgain() throws Exception {
        for (int cycle = 1; cycle <= 3; cycle++) {
            deployer.deploy(EAR);
            Sipp.Result options = Sipp.run("options.xml", Map.of());
            assertTrue(options.passed(), "cycle " + cycle + ": " + options.log());
            deployer.undeploy(EAR);
            assertSipPortFree("after undeploy " + cycle);
        }
    }

    @Test
    void registrationsSurviveAServerRestart() throws Exception {
        deployer.deploy(EAR);
        try {
            AdminApi.deleteUser("501");
            AdminApi.createUser("501", "Persistent", "persist-pass");
            Sipp.Result r = Sipp.run("register.xml", Map.of("ext", "501", "domain", "ponte.local", "expires", "600"),
                    "-au", "501", "-ap", "persist-pass");
            assertTrue(r.passed(), r.log());
            String before = ((JsonObject) AdminApi.getJson("/api/statistics")).getString("startedAt");

            ModelNode result = management.getControllerClient().execute(Operations.createOperation("reload"));
            assertTrue(Operations.isSuccessfulOutcome(result), result.toString());
            Poll.untilTrue(Duration.ofSeconds(120), "Ponte to come back after the restart", () -> {
                var health = AdminApi.call("GET", "/api/health", null, null);
                return health.statusCode() == 200
                        && !before.equals(((JsonObject) AdminApi.getJson("/api/statistics")).getString("startedAt"));
            });

            JsonObject user = (JsonObject) AdminApi.getJson("/api/users/501");
            assertTrue(user.getBoolean("registered"), user.toString());
            assertEquals(1, user.getJsonArray("contacts").size(), user.toString());
            long left = user.getJsonArray("contacts").getJsonObject(0).getJsonNumber("expiresIn").longValue();
            assertTrue(left > 480 && left <= 600, "the binding kept its expiry: " + left);
        } finally {
            AdminApi.deleteUser("501");
            deployer.undeploy(EAR);
        }
    }

    private static void assertSipPortFree(String when) throws Exception {
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(lo, PonteServer.SIP_PORT));
             ServerSocket tcp = new ServerSocket()) {
            tcp.setReuseAddress(true);
            tcp.bind(new InetSocketAddress(lo, PonteServer.SIP_PORT));
            assertTrue(udp.isBound() && tcp.isBound(), when);
        } catch (java.net.BindException e) {
            throw new AssertionError("SIP port still held " + when, e);
        }
    }
}
