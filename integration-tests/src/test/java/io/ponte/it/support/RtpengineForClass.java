package io.ponte.it.support;

import java.io.IOException;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real rtpengine for the calls of one test class, where Ponte's {@code RTPENGINE_NG} points by default
 * (ng port 22222, media ports 30000-30999). Register it as a static {@code @RegisterExtension} field: it
 * starts after the deployment and stops before the undeployment.
 */
public final class RtpengineForClass implements BeforeAllCallback, AfterAllCallback {

    private Rtpengine rtpengine;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        rtpengine = Rtpengine.start(22222, 30000, 30999);
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        if (rtpengine != null) {
            rtpengine.close();
        }
    }

    public Rtpengine get() {
        return rtpengine;
    }
}
