package io.ponte.bridge.connectycube.rest;

/**
 * A ConnectyCube user's login and password (ConnectyCube Server API, "Create session" with
 * {@code user[login]} and {@code user[password]}). {@link #toString()} hides the password.
 */
public final class UserCredentials {
    private final String login;
    private final String password;

    public UserCredentials(String login, String password) {
        if (login == null || login.isBlank()) {
            throw new IllegalArgumentException("login is required");
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("password is required");
        }
        this.login = login;
        this.password = password;
    }

    public String login() {
        return login;
    }

    /** The password; for the request and the chat's SASL PLAIN only. */
    public String password() {
        return password;
    }

    @Override
    public String toString() {
        return "UserCredentials[login=" + login + ", password=***]";
    }
}
