package io.ponte.admin.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Principal;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import io.ponte.admin.problem.Problem;
import io.ponte.config.PonteSettings;
import io.ponte.security.Ban;
import io.ponte.security.BanService;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;

/**
 * HTTP Basic authentication (RFC 7617) of the administrator named by PONTE_ADMIN_USER and
 * PONTE_ADMIN_PASSWORD, for every resource except {@code /api/health}. Wrong credentials are a
 * {@code security.log} line and count towards a ban of the client's address as failed SIP authentications
 * do (PONTE_BAN_MAX_FAILURES in PONTE_BAN_FIND_TIME); a banned address gets {@code 403}.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class BasicAuthFilter implements ContainerRequestFilter {

    static final String OPEN_PATH = "health";

    @Inject
    PonteSettings settings;

    @Inject
    BanService bans;

    @Context
    HttpServletRequest client;

    @Override
    public void filter(ContainerRequestContext request) {
        if (OPEN_PATH.equals(request.getUriInfo().getPath().replaceAll("^/+|/+$", ""))) {
            return;
        }
        Optional<Ban> ban = bans.bannedNow(client.getRemoteAddr());
        if (ban.isPresent()) {
            request.abortWith(Problem.response(403, "Forbidden", "this address is banned until " + ban.get().expires()
                    + " (" + ban.get().reason() + ")", List.of()));
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        Optional<String[]> credentials = credentials(header);
        if (credentials.isEmpty() || !authorized(credentials.get())) {
            if (header != null) {
                bans.apiLoginFailed(client.getRemoteAddr(), client.getRemotePort(), credentials.map(c -> c[0]).orElse(null));
            }
            request.abortWith(Response.fromResponse(Problem.response(Response.Status.UNAUTHORIZED,
                            "administrator credentials required (HTTP Basic)"))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Ponte\", charset=\"UTF-8\"").build());
            return;
        }
        request.setSecurityContext(new Administrator(settings.adminUser(), request.getSecurityContext().isSecure()));
    }

    /** User and password of a Basic {@code Authorization} header (RFC 7617 section 2); empty when it is none. */
    private static Optional<String[]> credentials(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? Optional.empty() : Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
    }

    private boolean authorized(String[] credentials) {
        boolean user = constantTimeEquals(credentials[0], settings.adminUser());
        boolean password = constantTimeEquals(credentials[1], settings.adminPassword());
        return user & password;
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
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
}
