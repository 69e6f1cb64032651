package io.ponte.bridge.connectycube.chat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Trust for a private chat server (a local stand-in, a test Prosody): exactly the certificates of one PEM
 * file, for {@link ChatSettings#trustManager()}, instead of the JVM's default authorities.
 */
public final class PemTrust {
    private PemTrust() {
    }

    /**
     * A trust manager that accepts the certificates in {@code pemFile} and nothing else.
     *
     * @throws GeneralSecurityException if the file holds no X.509 certificate
     */
    public static X509TrustManager of(Path pemFile) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        int n = 0;
        try (InputStream in = Files.newInputStream(pemFile)) {
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                ks.setCertificateEntry("trusted-" + n++, c);
            }
        }
        if (n == 0) {
            throw new GeneralSecurityException("no certificate in " + pemFile);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager");
    }
}
