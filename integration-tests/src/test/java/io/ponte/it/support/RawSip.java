package io.ponte.it.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Sends hand-made SIP messages, malformed ones included, over UDP or TCP exactly as written, and reads
 * whatever comes back. For the edge tests, where a SIP library would refuse to send what is tested.
 */
public abstract class RawSip implements AutoCloseable {

    /** The local address as a Via or Contact would show it. */
    public abstract String client();

    public abstract String transport();

    public abstract void send(String message) throws IOException;

    /** The next message received within {@code millis}, or null. */
    public abstract String receive(int millis) throws IOException;

    @Override
    public abstract void close() throws IOException;

    public static RawSip open(String transport) throws IOException {
        return transport.equals("UDP") ? new Udp() : new Tcp();
    }

    /** Status code of a response's start line. */
    public static int status(String response) {
        return Integer.parseInt(response.split(" ", 3)[1]);
    }

    /** Reason phrase of a response's start line. */
    public static String reason(String response) {
        String line = response.substring(0, response.indexOf("\r\n"));
        String[] parts = line.split(" ", 3);
        return parts.length > 2 ? parts[2] : "";
    }

    /** The value of the first header {@code name} (long form, any case), or null. */
    public static String header(String message, String name) {
        for (String line : message.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return line.substring(colon + 1).strip();
            }
        }
        return null;
    }

    private static final class Udp extends RawSip {
        private final DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        private final InetSocketAddress server = new InetSocketAddress("127.0.0.1", PonteServer.SIP_PORT);

        Udp() throws IOException {
        }

        @Override
        public String client() {
            return "127.0.0.1:" + socket.getLocalPort();
        }

        @Override
        public String transport() {
            return "UDP";
        }

        @Override
        public void send(String message) throws IOException {
            byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
            socket.send(new DatagramPacket(bytes, bytes.length, server));
        }

        @Override
        public String receive(int millis) throws IOException {
            socket.setSoTimeout(millis);
            byte[] buf = new byte[65536];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (SocketTimeoutException e) {
                return null;
            }
            return new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    private static final class Tcp extends RawSip {
        private final Socket socket = new Socket(InetAddress.getLoopbackAddress(), PonteServer.SIP_PORT);
        private final InputStream in;

        Tcp() throws IOException {
            in = socket.getInputStream();
        }

        @Override
        public String client() {
            return "127.0.0.1:" + socket.getLocalPort();
        }

        @Override
        public String transport() {
            return "TCP";
        }

        @Override
        public void send(String message) throws IOException {
            socket.getOutputStream().write(message.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
        }

        /** Reads one message framed by its blank line and Content-Length (RFC 3261 section 18.3). */
        @Override
        public String receive(int millis) throws IOException {
            socket.setSoTimeout(millis);
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            try {
                while (!head.toString(StandardCharsets.UTF_8).endsWith("\r\n\r\n")) {
                    int b = in.read();
                    if (b < 0) {
                        return null;
                    }
                    if (head.size() == 0 && (b == '\r' || b == '\n')) {
                        continue; // keep-alive
                    }
                    head.write(b);
                }
                String text = head.toString(StandardCharsets.UTF_8);
                String length = header(text, "Content-Length");
                if (length == null) {
                    length = header(text, "l");
                }
                byte[] body = in.readNBytes(length == null ? 0 : Integer.parseInt(length));
                return text + new String(body, StandardCharsets.UTF_8);
            } catch (SocketTimeoutException e) {
                return null;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
