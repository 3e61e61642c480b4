package io.modulardata.systemtests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP/1.1 request with a large body over a plain socket: the body is written by a thread of its own
 * while the answer is read, so a server that answers 413 on the declared Content-Length and closes the
 * connection is heard instead of failing the write.
 */
final class OversizedRequest {

    private static final int READ_TIMEOUT_MILLIS = 30_000;

    private OversizedRequest() {
    }

    static HttpCalls.Answer send(int port, String method, String rawPath, Map<String, String> headers, byte[] body)
            throws IOException, InterruptedException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            StringBuilder head = new StringBuilder(method + " " + rawPath + " HTTP/1.1\r\n");
            head.append("Host: 127.0.0.1:").append(port).append("\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            Thread writer = new Thread(() -> {
                try {
                    out.write(body);
                    out.flush();
                } catch (IOException e) {
                    // The server refused the body and closed the connection: what the answer will tell.
                }
            }, "oversized-body");
            writer.setDaemon(true);
            writer.start();
            HttpCalls.Answer answer = read(socket.getInputStream());
            writer.join(READ_TIMEOUT_MILLIS);
            return answer;
        }
    }

    private static HttpCalls.Answer read(InputStream in) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        String contentType = "";
        int contentLength = -1;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            if (name.equals("content-type")) {
                contentType = value;
            } else if (name.equals("content-length")) {
                contentLength = Integer.parseInt(value);
            }
        }
        byte[] body = contentLength >= 0 ? in.readNBytes(contentLength) : in.readAllBytes();
        return new HttpCalls.Answer(status, contentType, new String(body, StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                line.write(c);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
