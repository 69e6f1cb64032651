package io.ponte.call;

/** A transfer that cannot be made; the call goes on as it was. {@code status} is the SIP status that says why. */
public class TransferRefusedException extends Exception {

    private static final long serialVersionUID = 1L;
    private final int status;

    public TransferRefusedException(int status, String reason) {
        super(reason);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
