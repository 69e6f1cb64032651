package io.ponte.events;

/**
 * A client of the live event stream (an open Server-Sent Events response), fed by {@link EventFeed} from a
 * thread of its own: each call may block while the client reads slowly, and blocks only that client.
 */
public interface EventSubscriber {

    /**
     * Starts the response (headers and a first line, so the client sees it at once) and runs {@code stream},
     * which makes every other call, while it is open; returns when {@code stream} has returned. Does not run
     * it when the client has gone already.
     */
    void open(Runnable stream);

    /** Sends one event and waits until it is written out; false once the client has gone. */
    boolean deliver(PonteEvent event);

    /** Sends something that keeps an idle connection open; false once the client has gone. */
    boolean keepAlive();

    /** Sends a last comment saying why the stream ends here, then ends it. */
    void cutOff(String reason);

    /** Ends the stream (nothing more is sent); does nothing when it has ended already. */
    void close();
}
