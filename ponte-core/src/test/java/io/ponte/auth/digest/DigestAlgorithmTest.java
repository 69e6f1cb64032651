package io.ponte.auth.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Worked examples from the RFCs: the hashes must match them to the character. */
class DigestAlgorithmTest {

    @Test
    void rfc2617Section3_5Md5Response() {
        String ha1 = DigestAlgorithm.MD5.ha1("Mufasa", "testrealm@host.com", "Circle Of Life");
        assertEquals("939e7578ed9e3c518a452acee763bce9", ha1);
        assertEquals("6629fae49393a05397450978507c4ef1", DigestAlgorithm.MD5.response(ha1,
                "dcd98b7102dd2f0e8b11d0f600bfb0c093", "00000001", "0a4f113b", "auth", "GET", "/dir/index.html"));
    }

    @Test
    void rfc7616Section3_9_1Sha256Response() {
        String ha1 = DigestAlgorithm.SHA_256.ha1("Mufasa", "http-auth@example.org", "Circle of Life");
        assertEquals("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1",
                DigestAlgorithm.SHA_256.response(ha1, "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", "00000001",
                        "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", "auth", "GET", "/dir/index.html"));
    }

    @Test
    void rfc7616Section3_9_1Md5Response() {
        String ha1 = DigestAlgorithm.MD5.ha1("Mufasa", "http-auth@example.org", "Circle of Life");
        assertEquals("8ca523f5e9506fed4657c9700eebdbec",
                DigestAlgorithm.MD5.response(ha1, "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", "00000001",
                        "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", "auth", "GET", "/dir/index.html"));
    }

    @Test
    void algorithmTokensAreCaseInsensitiveAndAbsentMeansMd5() {
        assertEquals(DigestAlgorithm.MD5, DigestAlgorithm.fromToken(null).orElseThrow());
        assertEquals(DigestAlgorithm.SHA_256, DigestAlgorithm.fromToken("sha-256").orElseThrow());
        assertTrue(DigestAlgorithm.fromToken("SHA-512-256").isEmpty());
    }
}
