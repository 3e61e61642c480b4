package io.modulardata.console.signin;

import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;

import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Sign-in with a bearer token (locally: {@code infra/platform token}), verified with the same key and issuer
 * as the services verify it; the token then lives in the session cookie until it expires or the user signs out.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class SignInResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance signin(String next, String error, boolean organisation);
    }

    private final JWTParser parser;
    private final OrganisationSignOn organisation;
    private final Viewer viewer;

    public SignInResource(JWTParser parser, OrganisationSignOn organisation, Viewer viewer) {
        this.parser = parser;
        this.organisation = organisation;
        this.viewer = viewer;
    }

    @GET
    @Path("signin")
    @Operation(summary = "Sign-in page: paste a platform token, or sign in through the organisation's provider")
    public TemplateInstance form(@QueryParam("next") String next) {
        return Templates.signin(SafeTarget.of(next), null, organisation.enabled());
    }

    /**
     * quarkus-oidc has signed the user in at the organisation's provider before this runs (the path is guarded
     * by the code flow in application.properties): go where the user was going.
     */
    @GET
    @Path(OrganisationSignOn.SIGN_IN_PATH)
    @Operation(summary = "Sign in through the organisation's identity provider, then go to next")
    public Response organisationSignedIn(@QueryParam("next") String next) {
        return Response.seeOther(URI.create(SafeTarget.of(next))).build();
    }

    @POST
    @Path("signin")
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Sign in: verify the token and keep it in an HttpOnly cookie")
    public Response signIn(@FormParam("token") String token, @FormParam("next") String next, @Context UriInfo uri) {
        String target = SafeTarget.of(next);
        String pasted = token == null ? "" : token.strip().replaceFirst("^(?i)bearer\\s+", "");
        if (pasted.isEmpty()) {
            return refused(target, "Paste a token.");
        }
        JsonWebToken verified;
        try {
            verified = parser.parse(pasted);
        } catch (ParseException e) {
            return refused(target, "The token was refused: it is expired, not signed by the platform's key, "
                    + "or from another issuer.");
        }
        Set<String> groups = verified.getGroups() == null ? Set.of() : verified.getGroups();
        if (Arrays.stream(Viewer.ROLES).noneMatch(groups::contains)) {
            return refused(target, "The token carries none of the platform's roles (" + String.join(", ", Viewer.ROLES) + ").");
        }
        return Response.seeOther(URI.create(target))
                .cookie(SessionCookie.holding(pasted, Instant.ofEpochSecond(verified.getExpirationTime()), secure(uri)))
                .build();
    }

    @POST
    @Path("signout")
    @Operation(summary = "Sign out: forget the token cookie, and end the organisation's session if signed in through it")
    public Response signOut(@Context UriInfo uri) {
        // quarkus-oidc ends the session at the provider on that path, which sends the browser back to /signin.
        String next = viewer.organisation() ? OrganisationSignOn.SIGN_OUT_PATH : "/signin";
        return Response.seeOther(URI.create(next)).cookie(SessionCookie.cleared(secure(uri))).build();
    }

    private Response refused(String target, String error) {
        return Response.status(Response.Status.UNAUTHORIZED).entity(Templates.signin(target, error, organisation.enabled()))
                .type(MediaType.TEXT_HTML_TYPE).build();
    }

    static boolean secure(UriInfo uri) {
        return "https".equalsIgnoreCase(uri.getRequestUri().getScheme());
    }
}
