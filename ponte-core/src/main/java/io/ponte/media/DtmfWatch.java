package io.ponte.media;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Set;
import java.util.logging.Logger;

import io.ponte.call.ActiveCalls;
import io.ponte.call.Call;
import io.ponte.call.CallEventPublisher;
import io.ponte.call.CallId;
import io.ponte.call.Side;
import io.ponte.config.PonteSettings;
import io.ponte.media.rtpengine.RtpengineClient;
import io.ponte.media.rtpengine.dtmf.DtmfLogEvent;
import io.ponte.media.rtpengine.dtmf.DtmfLogReceiver;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Turns the digits rtpengine reports ({@code --dtmf-log-dest} pointed at {@code PONTE_DTMF_LISTEN}) into
 * the calls' DTMF events: a digit of a call on this node becomes that call's event (with the side whose
 * media carried it); a digit of another node's call (rtpengine reports to one node) is told with the
 * call's id only. Only datagrams from RTPENGINE_NG's address are taken.
 */
@ApplicationScoped
public class DtmfWatch {

    private static final Logger LOG = Logger.getLogger(DtmfWatch.class.getName());
    /** Where rtpengine's DTMF log is received unless PONTE_DTMF_LISTEN says otherwise; empty turns it off. */
    static final String DEFAULT_LISTEN = "127.0.0.1:22223";

    @Inject
    PonteSettings settings;

    @Inject
    ActiveCalls active;

    @Inject
    CallEventPublisher stream;

    private DtmfLogReceiver receiver;

    /** Starts listening (once SIP runs); a setting that cannot be used is logged and leaves DTMF events off. */
    public synchronized void start() {
        String listen = PonteSettings.runtimeValue("PONTE_DTMF_LISTEN");
        listen = listen == null ? DEFAULT_LISTEN : listen.strip();
        if (listen.isEmpty() || receiver != null) {
            LOG.info("DTMF events are off: PONTE_DTMF_LISTEN is empty");
            return;
        }
        try {
            InetSocketAddress bind = RtpengineClient.address(listen);
            InetAddress rtpengine = InetAddress.getByName(RtpengineClient.address(settings.rtpengineNg()).getHostString());
            receiver = DtmfLogReceiver.start(bind, Set.of(rtpengine), this::on);
            LOG.info("receiving rtpengine's DTMF log on " + receiver.address() + " (rtpengine --dtmf-log-dest)");
        } catch (SocketException | UnknownHostException | IllegalArgumentException e) {
            LOG.warning("DTMF events are off: cannot receive rtpengine's DTMF log on " + listen + ": " + e.getMessage());
        }
    }

    void on(DtmfLogEvent e) {
        if (e.digit() == '?') {
            return;
        }
        Call call;
        try {
            call = active.find(CallId.of(e.callId())).orElse(null);
        } catch (IllegalArgumentException bad) {
            return;
        }
        if (call == null) {
            stream.dtmfOfElsewhere(e.callId(), e.digit(), e.durationMillis());
            return;
        }
        Side side = e.sourceTag().equals(call.caller().mediaTag()) ? Side.CALLER
                : e.sourceTag().equals(call.callee().mediaTag()) ? Side.CALLEE : null;
        call.dtmf(side, e.digit(), e.durationMillis());
    }

    @PreDestroy
    synchronized void stop() {
        if (receiver != null) {
            receiver.close();
            receiver = null;
        }
    }
}
