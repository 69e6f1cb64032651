package io.ponte.it.support;

/** Where the server under test listens (the defaults of the configured WildFly). */
public final class PonteServer {
    public static final int SIP_PORT = 5060;
    public static final String HTTP = "http://127.0.0.1:8080";
    public static final String ADMIN_USER = "admin";
    /** Set for the server and the tests alike by the build (integration-tests/pom.xml). */
    public static final String ADMIN_PASSWORD = java.util.Objects.requireNonNull(System.getenv("PONTE_ADMIN_PASSWORD"),
            "PONTE_ADMIN_PASSWORD (set by integration-tests/pom.xml)");

    private PonteServer() {
    }
}
