package io.ponte.sip.bridge;

import io.ponte.bridge.ChatConnections;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;

/**
 * Brings the enabled mappings' ConnectyCube identities online when the application deploys (after the
 * schema is migrated) and takes them offline when it is undeployed.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@TransactionManagement(TransactionManagementType.BEAN)
public class BridgeLifecycle {

    @Inject
    ChatConnections chats;

    @PostConstruct
    void start() {
        chats.start();
    }

    @PreDestroy
    void stop() {
        chats.stop();
    }
}
