package io.ponte.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Makes {@link PonteSettings} injectable; read once per deployment. */
@ApplicationScoped
public class PonteConfig {

    private final PonteSettings settings = PonteSettings.fromRuntime();

    @Produces
    public PonteSettings settings() {
        return settings;
    }
}
