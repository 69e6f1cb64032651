package io.ponte.admin.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Ponte's administration API, under {@code /api}. */
@ApplicationPath("/api")
public class RestApplication extends Application {
}
