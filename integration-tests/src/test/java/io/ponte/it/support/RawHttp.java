package io.ponte.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP/1.1 GETs from a chosen local address, so a test can be a second client of the API
 * (java.net.http cannot pick its source address on JDK 17).
 */
public final class RawHttp {

    /** Status and the Retry-After header, if any. */
    public record Reply(int status, String retryAfter, String head) {
    }

    private RawHttp() {
    }

    public static Reply get(String sourceAddress, String path, String authorization) throws IOException {
        URI base = URI.create(PonteServer.HTTP);
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(sourceAddress), 0));
            s.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
            s.setSoTimeout(10000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nAuthorization: " + authorization
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String head = all.substring(0, Math.max(0, all.indexOf("\r\n\r\n")));
            Matcher status = Pattern.compile("^HTTP/1\\.1 (\\d{3})").matcher(head);
            if (!status.find()) {
                throw new IOException("not an HTTP response: " + all);
            }
            Matcher retry = Pattern.compile("(?im)^Retry-After:\\s*(\\S+)").matcher(head);
            return new Reply(Integer.parseInt(status.group(1)), retry.find() ? retry.group(1) : null, head);
        }
    }
}
