package io.ponte.media;

/** What the media server received from each side of a call by the time it was released; either may be null. */
public record MediaTotals(MediaCounters fromCaller, MediaCounters fromCallee) {

    /** Nothing known: the media server was never reached, or did not answer the release. */
    public static final MediaTotals NONE = new MediaTotals(null, null);
}
