package io.ponte.bridge.connectycube.rest;

/** The parts of a ConnectyCube user record Ponte uses (ConnectyCube Server API, "Users"). */
public record User(long id, String login, String fullName) {
}
