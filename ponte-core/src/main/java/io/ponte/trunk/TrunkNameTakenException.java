package io.ponte.trunk;

/** Another trunk has that name already. */
public class TrunkNameTakenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TrunkNameTakenException(String name) {
        super("a trunk named " + name + " exists already");
    }
}
