package io.ponte.admin.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Principal;
import java.util.Base64;

import io.ponte.admin.problem.Problem;
import io.ponte.config.PonteSettings;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;

/**
 * HTTP Basic authentication (RFC 7617) of the administrator named by PONTE_ADMIN_USER and
 * PONTE_ADMIN_PASSWORD, for every resource except {@code /api/health}.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class BasicAuthFilter implements ContainerRequestFilter {

    static final String OPEN_PATH = "health";

    @Inject
    PonteSettings settings;

    @Override
    public void filter(ContainerRequestContext request) {
        if (OPEN_PATH.equals(request.getUriInfo().getPath().replaceAll("^/+|/+$", ""))) {
            return;
        }
        if (!authorized(request.getHeaderString(HttpHeaders.AUTHORIZATION))) {
            request.abortWith(Response.fromResponse(Problem.response(Response.Status.UNAUTHORIZED,
                            "administrator credentials required (HTTP Basic)"))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Ponte\", charset=\"UTF-8\"").build());
            return;
        }
        request.setSecurityContext(new Administrator(settings.adminUser(), request.getSecurityContext().isSecure()));
    }

    /** Who a request authenticated as: the administrator, in the role {@code admin}. */
    private record Administrator(String name, boolean secure) implements SecurityContext {
        @Override
        public Principal getUserPrincipal() {
            return this::name;
        }

        @Override
        public boolean isUserInRole(String role) {
            return "admin".equals(role);
        }

        @Override
        public boolean isSecure() {
            return secure;
        }

        @Override
        public String getAuthenticationScheme() {
            return SecurityContext.BASIC_AUTH;
        }
    }

    private boolean authorized(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return false;
        }
        boolean user = constantTimeEquals(decoded.substring(0, colon), settings.adminUser());
        boolean password = constantTimeEquals(decoded.substring(colon + 1), settings.adminPassword());
        return user & password;
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
