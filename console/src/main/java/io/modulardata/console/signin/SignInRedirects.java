package io.modulardata.console.signin;

import java.net.URI;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;

/**
 * A request without a valid session goes to the sign-in page (and forgets a stale cookie). htmx requests are
 * told where to go with HX-Redirect; a live stream just gets 401, and the page that opened it reloads into
 * sign-in on its next request.
 */
public class SignInRedirects {

    private final OrganisationSignOn organisation;

    public SignInRedirects(OrganisationSignOn organisation) {
        this.organisation = organisation;
    }

    /** With the organisation's provider configured, a page goes straight to its sign-in; /signin stays for platform tokens. */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response toSignIn(UriInfo uri, HttpHeaders headers) {
        boolean secure = SignInResource.secure(uri);
        String path = uri.getRequestUri().getRawPath();
        String query = uri.getRequestUri().getRawQuery();
        URI signIn = URI.create((organisation.enabled() ? OrganisationSignOn.SIGN_IN_PATH : "/signin") + "?next="
                + java.net.URLEncoder.encode(path + (query == null ? "" : "?" + query), java.nio.charset.StandardCharsets.UTF_8));
        String accept = headers.getHeaderString(HttpHeaders.ACCEPT);
        if (headers.getHeaderString("HX-Request") != null) {
            return Response.status(Response.Status.UNAUTHORIZED).header("HX-Redirect", "/signin")
                    .cookie(SessionCookie.cleared(secure)).build();
        }
        if (accept != null && accept.contains(MediaType.SERVER_SENT_EVENTS)) {
            return Response.status(Response.Status.UNAUTHORIZED).cookie(SessionCookie.cleared(secure)).build();
        }
        return Response.seeOther(signIn).cookie(SessionCookie.cleared(secure)).build();
    }
}
