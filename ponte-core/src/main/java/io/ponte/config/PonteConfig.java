package io.ponte.config;

import java.util.logging.Logger;

import io.ponte.bridge.BridgeSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Makes {@link PonteSettings} and {@link BridgeSettings} injectable; read once per deployment. */
@ApplicationScoped
public class PonteConfig {

    private static final Logger LOG = Logger.getLogger(PonteConfig.class.getName());

    private final PonteSettings settings = PonteSettings.fromRuntime();
    private final BridgeSettings bridge = logged(BridgeSettings.fromRuntime());

    @Produces
    public PonteSettings settings() {
        return settings;
    }

    @Produces
    public BridgeSettings bridge() {
        return bridge;
    }

    private static BridgeSettings logged(BridgeSettings b) {
        switch (b.status()) {
            case OFF -> LOG.info("ConnectyCube bridge is off: no CONNECTYCUBE_* setting");
            case INCOMPLETE -> LOG.warning("ConnectyCube bridge is off, settings missing: " + b.missing());
            case CONFIGURED -> LOG.info("ConnectyCube bridge configured: " + b);
        }
        return b;
    }
}
