package io.ponte.events;

/** A client of the live event stream (an open Server-Sent Events response), fed by {@link EventFeed}. */
public interface EventSubscriber {

    /** Sends one event; false once the client has gone (it is then dropped). */
    boolean deliver(PonteEvent event);

    /** Sends something that keeps an idle connection open; false once the client has gone. */
    boolean keepAlive();
}
