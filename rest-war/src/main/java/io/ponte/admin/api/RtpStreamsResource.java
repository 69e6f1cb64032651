package io.ponte.admin.api;

import java.util.ArrayList;
import java.util.List;

import io.ponte.call.ActiveCalls;
import io.ponte.call.Call;
import io.ponte.media.MediaServer;
import io.ponte.media.rtpengine.CallStats;
import io.ponte.media.rtpengine.RtpengineErrorException;
import io.ponte.media.rtpengine.RtpengineUnavailableException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.MediaType;

/** {@code /api/rtp-streams}: the packet streams rtpengine holds for this node's calls, with counters. */
@Path("rtp-streams")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class RtpStreamsResource {

    @Inject
    ActiveCalls calls;

    @Inject
    MediaServer media;

    @GET
    public List<Views.RtpStream> list() {
        List<Views.RtpStream> out = new ArrayList<>();
        for (Call call : calls.list()) {
            CallStats stats;
            try {
                stats = media.client().query(call.id().value());
            } catch (RtpengineErrorException e) {
                continue; // ended between the two lookups
            } catch (RtpengineUnavailableException e) {
                throw new ServiceUnavailableException("rtpengine does not answer: " + e.getMessage());
            }
            for (CallStats.TagStats tag : stats.tags().values()) {
                for (CallStats.MediaStats m : tag.medias()) {
                    for (CallStats.StreamStats s : m.streams()) {
                        out.add(new Views.RtpStream(call.id().value(), tag.tag(), m.type(), m.protocol(), s.localPort(),
                                s.endpoint(), s.counters().packets(), s.counters().bytes(), s.counters().errors(),
                                s.lastPacket()));
                    }
                }
            }
        }
        return out;
    }
}
