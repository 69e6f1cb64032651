package io.ponte.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.ponte.it.support.PonteEar;
import io.ponte.it.support.Sipp;

/** The EAR boots the SIP container inside WildFly and it answers on the SIP port. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SipContainerIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return PonteEar.archive();
    }

    @Test
    void optionsToTheServerIsAnswered200WithAllow() {
        Sipp.Result r = Sipp.run("options.xml", Map.of());
        assertTrue(r.passed(), r.log());
    }

    @Test
    void aMethodPonteDoesNotHandleGets405() {
        Sipp.Result r = Sipp.run("unsupported-method.xml", Map.of());
        assertTrue(r.passed(), r.log());
    }
}
