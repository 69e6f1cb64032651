package io.ponte.admin.problem;

import java.lang.reflect.Parameter;
import java.util.List;

import io.ponte.admin.problem.Problem.InvalidParam;
import io.ponte.bridge.mapping.MappingConflictException;
import io.ponte.bridge.mapping.UnknownSubscriberException;
import io.ponte.crypto.SecretKeyMissingException;
import io.ponte.subscriber.ExtensionOutOfRangeException;
import io.ponte.subscriber.SubscriberExistsException;
import jakarta.json.bind.JsonbException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Turns exceptions into {@code application/problem+json} answers, one mapper per cause. */
public final class ProblemMappers {

    private static final String UNREADABLE_BODY = "the request body is not valid JSON for this resource";

    private ProblemMappers() {
    }

    private static Response unreadableBody() {
        return Problem.response(400, "Bad Request", UNREADABLE_BODY, List.of());
    }

    /** A problem about one field of the request, named in {@code invalidParams}. */
    private static Response aboutField(int status, String title, String field, String detail) {
        return Problem.response(status, title, detail, List.of(new InvalidParam(field, detail)));
    }

    /** 400 naming each invalid field. */
    @Provider
    public static class Validation implements ExceptionMapper<ConstraintViolationException> {
        @Override
        public Response toResponse(ConstraintViolationException e) {
            List<InvalidParam> invalid = e.getConstraintViolations().stream()
                    .map(v -> new InvalidParam(leaf(v), v.getMessage()))
                    .sorted(java.util.Comparator.comparing(InvalidParam::name)).toList();
            String detail = invalid.stream().map(p -> p.name() + ": " + p.reason())
                    .reduce((a, b) -> a + "; " + b).orElse("invalid request");
            return Problem.response(400, "Bad Request", detail, invalid);
        }

        /**
         * The field a violation is about, dotted from the body down ({@code outbound.prefixes[0]},
         * {@code inbound.numbers[+4930123]}), or the query or path parameter; "body" for a missing request body.
         */
        private static String leaf(ConstraintViolation<?> v) {
            StringBuilder field = new StringBuilder();
            String parameter = null;
            Path.MethodNode method = null;
            for (Path.Node node : v.getPropertyPath()) {
                switch (node.getKind()) {
                    case METHOD -> method = node.as(Path.MethodNode.class);
                    case PARAMETER -> parameter = method == null ? node.getName()
                            : parameterName(v.getRootBeanClass(), method, node.as(Path.ParameterNode.class).getParameterIndex());
                    case PROPERTY -> field.append(position(node)).append(field.isEmpty() ? "" : ".").append(node.getName());
                    case CONTAINER_ELEMENT -> field.append(position(node));
                    default -> {
                        // a bean or return value node names nothing more
                    }
                }
            }
            return !field.isEmpty() ? field.toString() : parameter == null ? "body" : parameter;
        }

        /** "[index]" or "[key]" of an element in a list or map, else nothing. */
        private static String position(Path.Node node) {
            return node.getIndex() != null ? "[" + node.getIndex() + "]" : node.getKey() != null ? "[" + node.getKey() + "]" : "";
        }

        private static String parameterName(Class<?> resource, Path.MethodNode method, int index) {
            for (Class<?> c = resource; c != null; c = c.getSuperclass()) {
                try {
                    Parameter p = c.getDeclaredMethod(method.getName(), method.getParameterTypes().toArray(Class[]::new))
                            .getParameters()[index];
                    QueryParam query = p.getAnnotation(QueryParam.class);
                    PathParam path = p.getAnnotation(PathParam.class);
                    return query != null ? query.value() : path != null ? path.value() : "body";
                } catch (NoSuchMethodException e) {
                    // declared higher up (the class may be a container proxy)
                }
            }
            return "body";
        }
    }

    /** 404 for unknown resources. */
    @Provider
    public static class NotFound implements ExceptionMapper<NotFoundException> {
        @Override
        public Response toResponse(NotFoundException e) {
            return Problem.response(Response.Status.NOT_FOUND, "no such resource");
        }
    }

    /** Other JAX-RS errors keep their status, in problem form. */
    @Provider
    public static class WebApplication implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            Response r = e.getResponse();
            if (r.hasEntity()) {
                return r;
            }
            int status = r.getStatus();
            String detail = status == 400 ? UNREADABLE_BODY : e.getMessage();
            return Problem.response(status, r.getStatusInfo().getReasonPhrase(), detail, List.of());
        }
    }

    /** 400 for a body that is not the JSON expected. */
    @Provider
    public static class UnreadableBody implements ExceptionMapper<JsonbException> {
        @Override
        public Response toResponse(JsonbException e) {
            return unreadableBody();
        }
    }

    /** 400 for a body that could not be read. */
    @Provider
    public static class Processing implements ExceptionMapper<ProcessingException> {
        @Override
        public Response toResponse(ProcessingException e) {
            return unreadableBody();
        }
    }

    /** 409 when the extension is taken. */
    @Provider
    public static class Exists implements ExceptionMapper<SubscriberExistsException> {
        @Override
        public Response toResponse(SubscriberExistsException e) {
            return aboutField(409, "Conflict", "extension", e.getMessage());
        }
    }

    /** 400 naming the extension when it is outside the configured range. */
    @Provider
    public static class OutOfRange implements ExceptionMapper<ExtensionOutOfRangeException> {
        @Override
        public Response toResponse(ExtensionOutOfRangeException e) {
            return aboutField(400, "Bad Request", "extension", e.getMessage());
        }
    }

    /** 409 naming the side of a mapping that is mapped already. */
    @Provider
    public static class MappingConflict implements ExceptionMapper<MappingConflictException> {
        @Override
        public Response toResponse(MappingConflictException e) {
            return aboutField(409, "Conflict", e.field(), e.getMessage());
        }
    }

    /** 400 naming the extension when no subscriber has it. */
    @Provider
    public static class UnknownSubscriber implements ExceptionMapper<UnknownSubscriberException> {
        @Override
        public Response toResponse(UnknownSubscriberException e) {
            return aboutField(400, "Bad Request", "extension", e.getMessage());
        }
    }

    /** 400 naming the address when a ban is asked for something that is no IP address. */
    @Provider
    public static class NotAnAddress implements ExceptionMapper<io.ponte.security.NotAnAddressException> {
        @Override
        public Response toResponse(io.ponte.security.NotAnAddressException e) {
            return aboutField(400, "Bad Request", "address", e.getMessage());
        }
    }

    /** 503 while no usable PONTE_SECRET_KEY lets a password be sealed. */
    @Provider
    public static class SecretKeyMissing implements ExceptionMapper<SecretKeyMissingException> {
        @Override
        public Response toResponse(SecretKeyMissingException e) {
            return Problem.response(503, "Service Unavailable", e.getMessage() + ": passwords cannot be stored", List.of());
        }
    }

    /** 503 (Retry-After 5) when rtpengine does not answer, 502 naming its reason when it refuses. */
    @Provider
    public static class Media implements ExceptionMapper<io.ponte.media.MediaException> {
        @Override
        public Response toResponse(io.ponte.media.MediaException e) {
            if (e instanceof io.ponte.media.MediaRefusedException) {
                return Problem.response(502, "Bad Gateway", "rtpengine refused: " + e.getMessage(), List.of());
            }
            Response r = Problem.response(503, "Service Unavailable", "rtpengine does not answer: " + e.getMessage(), List.of());
            return Response.fromResponse(r).header("Retry-After", "5").build();
        }
    }

    /** 409 saying why a call cannot be transferred (it goes on as it was). */
    @Provider
    public static class TransferRefused implements ExceptionMapper<io.ponte.call.TransferRefusedException> {
        @Override
        public Response toResponse(io.ponte.call.TransferRefusedException e) {
            return Problem.response(409, "Conflict", e.getMessage() + " (SIP " + e.status() + ")", List.of());
        }
    }

    /** 409 naming {@code name} when another trunk has it. */
    @Provider
    public static class TrunkNameTaken implements ExceptionMapper<io.ponte.trunk.TrunkNameTakenException> {
        @Override
        public Response toResponse(io.ponte.trunk.TrunkNameTakenException e) {
            return aboutField(409, "Conflict", "name", e.getMessage());
        }
    }
}
