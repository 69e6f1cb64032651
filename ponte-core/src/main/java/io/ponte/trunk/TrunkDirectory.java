package io.ponte.trunk;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.logging.Logger;

import io.ponte.security.BanService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

/**
 * This node's cache of the trunks' lines, for every INVITE to ask which trunk it came from or goes to
 * without a query. The database stays the truth: the cache is reloaded after a change made on this node
 * commits, and every few seconds by the SIP side's trunk sync (so changes made on another node arrive
 * within that time). Host names are resolved when the lines are loaded, never per request.
 */
@ApplicationScoped
public class TrunkDirectory {

    private static final Logger LOG = Logger.getLogger(TrunkDirectory.class.getName());

    @Inject
    TrunkService trunks;

    @Inject
    BanService bans;

    private volatile TrunkLines lines;
    private volatile boolean stale = true;
    private volatile boolean loadFailing;

    /**
     * The lines as last loaded; loaded now if a change made here has not been read yet. While the database
     * cannot be read, the lines last loaded (none before the first load) until the periodic reload succeeds.
     */
    public TrunkLines lines() {
        TrunkLines l = lines;
        if (l == null || stale) {
            try {
                l = reload();
            } catch (RuntimeException e) { // the database is down: calls go on with what was known
                if (!loadFailing) {
                    LOG.warning(() -> "trunks not reloaded (known lines kept until the database answers): " + e);
                }
                loadFailing = true;
                if (l == null) {
                    lines = TrunkLines.NONE; // the trunk sync reloads every few seconds
                }
                return lines;
            }
        }
        return l;
    }

    /** Reads every trunk afresh. */
    public TrunkLines reload() {
        stale = false;
        TrunkLines l = new TrunkLines(trunks.lines());
        lines = l;
        bans.guard().trustTrunks(l.sourceBlocks()); // a provider is never banned nor flood-limited
        loadFailing = false;
        return l;
    }

    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) TrunksChanged change) {
        stale = true;
    }

    /** The address of {@code host}, or null when it does not resolve now (the next reload tries again). */
    static InetAddress resolve(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            LOG.warning(() -> "trunk host " + host + " does not resolve: calls from it are not recognised");
            return null;
        }
    }
}
