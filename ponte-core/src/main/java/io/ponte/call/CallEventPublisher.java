package io.ponte.call;

import java.time.Duration;
import java.util.Locale;

import io.ponte.events.EventJournal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;

/**
 * Tells the live stream what happens to calls: {@code call.started}, {@code call.ringing} (with the side
 * whose phone alerts), {@code call.answered} and {@code call.ended} (with disposition, final status, who
 * hung up and the talk time), {@code call.transferred} (who stays, the target, the new call's id) and {@code call.dtmf} (a digit, which side sent it), each carrying the call
 * as of the event.
 */
@ApplicationScoped
public class CallEventPublisher implements CallListener {

    @Inject
    EventJournal journal;

    @Override
    public void on(CallEvent event) {
        Call call = event.call();
        JsonObjectBuilder view = view(call);
        String type;
        if (event instanceof CallEvent.Ringing r) {
            view.add("ringingSide", lower(r.side()));
            type = "call.ringing";
        } else if (event instanceof CallEvent.Dtmf d) {
            publishDtmf(view, d.side(), d.digit(), d.durationMillis());
            return;
        } else if (event instanceof CallEvent.Transferred t) {
            journal.publish("call.transferred", Json.createObjectBuilder().add("call", view).add("stays", lower(t.stays()))
                    .add("target", t.target()).add("newCallId", t.newCall().value()).build());
            return;
        } else if (event instanceof CallEvent.Answered) {
            type = "call.answered";
        } else if (event instanceof CallEvent.Ended) {
            ended(call, view);
            type = "call.ended";
        } else {
            type = "call.started";
        }
        journal.publish(type, Json.createObjectBuilder().add("call", view).build());
    }

    private void publishDtmf(JsonObjectBuilder call, Side side, char digit, int durationMillis) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("call", call).add("digit", String.valueOf(digit))
                .add("durationMillis", durationMillis);
        if (side != null) {
            b.add("side", lower(side));
        }
        journal.publish("call.dtmf", b.build());
    }

    /**
     * A digit in a call this node does not hold (rtpengine reports to one node; the call may be another's):
     * told with the call's id only.
     */
    public void dtmfOfElsewhere(String callId, char digit, int durationMillis) {
        publishDtmf(Json.createObjectBuilder().add("id", callId), null, digit, durationMillis);
    }

    private static JsonObjectBuilder view(Call call) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("id", call.id().value())
                .add("caller", party(call.caller())).add("callee", party(call.callee()))
                .add("state", call.state().name()).add("startedAt", call.startedAt().toString());
        if (call.answeredAt() != null) {
            b.add("answeredAt", call.answeredAt().toString());
        }
        return b;
    }

    private static JsonObjectBuilder party(Leg leg) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("party", leg.party()).add("kind", leg.kind().name());
        if (leg.connectycubeUserId() != null) {
            b.add("connectycubeUserId", leg.connectycubeUserId());
        }
        return b;
    }

    private static void ended(Call call, JsonObjectBuilder view) {
        view.add("endedAt", call.endedAt().toString()).add("disposition", call.disposition().name())
                .add("finalStatus", call.finalStatus()).add("endedBy", call.endedBy().name())
                .add("talkSeconds", call.answeredAt() == null ? 0 : Duration.between(call.answeredAt(), call.endedAt()).toSeconds());
        if (call.endReason() != null) {
            view.add("reason", call.endReason());
        }
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
