package io.ponte.it.support;

import java.io.File;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

/** The EAR the build produced, exactly as users deploy it. */
public final class PonteEar {

    private PonteEar() {
    }

    public static EnterpriseArchive archive() {
        File ear = new File(System.getProperty("ponte.ear"));
        if (!ear.isFile()) {
            throw new IllegalStateException("build the EAR first: " + ear);
        }
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, ear);
    }
}
