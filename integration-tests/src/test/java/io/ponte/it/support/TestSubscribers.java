package io.ponte.it.support;

/** Provisions a caller and a callee for one test and removes them afterwards, whatever happens. */
public final class TestSubscribers {

    /** A test body that may throw. */
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    public static final String CALLER_PASSWORD = "caller-pass";
    public static final String CALLEE_PASSWORD = "callee-pass";

    private TestSubscribers() {
    }

    /** Runs {@code body} with subscribers {@code caller} and {@code callee} freshly created. */
    public static void pair(String caller, String callee, Body body) throws Exception {
        AdminApi.deleteUser(caller);
        AdminApi.deleteUser(callee);
        AdminApi.createUser(caller, "Caller", CALLER_PASSWORD);
        AdminApi.createUser(callee, "Callee", CALLEE_PASSWORD);
        try {
            body.run();
        } finally {
            AdminApi.deleteUser(caller);
            AdminApi.deleteUser(callee);
        }
    }
}
