package io.ponte.call;

/** How a call attempt ended, derived from its final SIP status. */
public enum Disposition {
    ANSWERED, BUSY, NO_ANSWER, CANCELLED, FAILED, REJECTED;

    /** 2xx answered; 486/600 busy; 603 rejected; 408/480 no answer; 487 cancelled; anything else failed. */
    public static Disposition ofFinalStatus(int status) {
        if (status >= 200 && status < 300) {
            return ANSWERED;
        }
        return switch (status) {
            case 486, 600 -> BUSY;
            case 603 -> REJECTED;
            case 408, 480 -> NO_ANSWER;
            case 487 -> CANCELLED;
            default -> FAILED;
        };
    }
}
