package io.ponte.admin.security;

import io.ponte.admin.problem.Problem;
import io.ponte.config.PonteSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/** Answers 429 with {@code Retry-After} to a client (by address) that goes over PONTE_API_RATE_LIMIT. */
@Provider
@ApplicationScoped
@Priority(Priorities.AUTHENTICATION - 100)
public class RateLimitFilter implements ContainerRequestFilter {

    @Inject
    PonteSettings settings;

    @Context
    HttpServletRequest servletRequest;

    private RateLimiter limiter;

    @PostConstruct
    void init() {
        limiter = new RateLimiter(settings.apiRateLimitPerSecond());
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (BasicAuthFilter.OPEN_PATH.equals(request.getUriInfo().getPath().replaceAll("^/+|/+$", ""))) {
            return;
        }
        long wait = limiter.acquire(servletRequest.getRemoteAddr(), System.nanoTime());
        if (wait > 0) {
            request.abortWith(Response.fromResponse(Problem.response(429, "Too Many Requests",
                            "more than " + settings.apiRateLimitPerSecond() + " requests a second from this client",
                            java.util.List.of()))
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(wait)).build());
        }
    }
}
