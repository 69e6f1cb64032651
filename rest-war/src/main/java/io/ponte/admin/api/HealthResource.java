package io.ponte.admin.api;

import io.ponte.bridge.BridgeSettings;
import io.ponte.bridge.ChatConnections;
import io.ponte.cdr.CdrRecorder;
import io.ponte.cdr.CdrStore;
import io.ponte.health.Readiness;
import io.ponte.media.MediaServer;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code /api/health}: 200 UP once SIP listens and the database answers, 503 DOWN otherwise. No login.
 * Whether rtpengine answers is reported too; registration works without it, so it does not decide UP.
 * So is whether the ConnectyCube bridge is configured, and this node's call record backlog and dead letters.
 */
@Path("health")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

    @Inject
    Readiness readiness;

    @Inject
    MediaServer media;

    @Inject
    BridgeSettings bridge;

    @Inject
    ChatConnections chats;

    @Inject
    CdrRecorder records;

    @Inject
    CdrStore cdrs;

    @GET
    public Response get() {
        boolean sip = readiness.sipReady();
        boolean db = readiness.databaseReady();
        boolean up = sip && db;
        return Response.status(up ? 200 : 503).entity(new Views.Health(up ? "UP" : "DOWN", sip, db, media.reachable(),
                Views.Bridge.of(bridge, chats.counts()), Views.CallRecords.of(records.backlog(), db ? rejected() : null))).build();
    }

    private Long rejected() {
        try {
            return cdrs.rejectedCount();
        } catch (RuntimeException e) {
            return null; // the database went away since it answered
        }
    }
}
