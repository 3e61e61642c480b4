package io.modulardata.kit.web;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;

/**
 * Refuses a request path with a dot segment ({@code .} or {@code ..}, also percent-encoded as {@code %2E}) with a
 * problem+json 400 naming {@code path}, before routing. Vert.x removes dot segments from the path it routes by, so
 * {@code DELETE /tenants/alpha/grants/%2E%2E} would otherwise reach {@code DELETE /tenants/alpha}: a value a client
 * puts into one segment must never select another endpoint. No id of the platform is "." or "..".
 */
@ApplicationScoped
public class DotSegmentGuard {

    private static final String PROBLEM = """
            {"type":"https://modulardata.io/problems/invalid-request","title":"Invalid request","status":400,\
            "detail":"path: must not contain a '.' or '..' segment","field":"path",\
            "errors":[{"field":"path","message":"must not contain a '.' or '..' segment"}]}""";

    void install(@Observes Router router) {
        router.route().order(-110).handler(context -> {
            if (hasDotSegment(context.request().uri())) {
                context.response().setStatusCode(400).putHeader("Content-Type", "application/problem+json").end(PROBLEM);
            } else {
                context.next();
            }
        });
    }

    /** Whether the path of this request target (as sent: path and query, still percent-encoded) has a dot segment. */
    static boolean hasDotSegment(String target) {
        int query = target.indexOf('?');
        String path = query < 0 ? target : target.substring(0, query);
        for (String segment : path.split("/", -1)) {
            String dots = segment.toUpperCase(Locale.ROOT).replace("%2E", ".");
            if (dots.equals(".") || dots.equals("..")) {
                return true;
            }
        }
        return false;
    }
}
