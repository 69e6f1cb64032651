package io.ponte.call;

/** Hears every call's events, in order for each call, on the thread that caused them. Must not block. */
@FunctionalInterface
public interface CallListener {

    void on(CallEvent event);
}
