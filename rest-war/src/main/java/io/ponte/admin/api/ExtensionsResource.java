package io.ponte.admin.api;

import java.util.List;

import io.ponte.config.PonteSettings;
import io.ponte.subscriber.SubscriberService;
import io.ponte.subscriber.SubscriberService.SubscriberState;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The extension plan: {@code /api/extensions}. */
@Path("extensions")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ExtensionsResource {

    @Inject
    PonteSettings settings;

    @Inject
    SubscriberService subscribers;

    @GET
    public Views.Extensions get() {
        List<SubscriberState> all = subscribers.list();
        return new Views.Extensions(settings.extensionMin(), settings.extensionMax(),
                all.stream().map(s -> s.subscriber().getExtension()).toList(),
                all.stream().filter(SubscriberState::registered).map(s -> s.subscriber().getExtension()).toList());
    }
}
