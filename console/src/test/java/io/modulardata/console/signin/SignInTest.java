package io.modulardata.console.signin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.Test;

import io.modulardata.console.support.ConsoleTest;
import io.modulardata.fixtures.TestTokens;
import io.restassured.response.Response;

@ConsoleTest
class SignInTest {

    @Test
    void aPageWithoutASessionSendsTheBrowserToSignIn() {
        given().redirects().follow(false).when().get("/rollouts?x=1")
                .then().statusCode(303).header("Location", containsString("/signin?next=%2Frollouts%3Fx%3D1"));
        given().header("HX-Request", "true").when().get("/overview/tenants")
                .then().statusCode(401).header("HX-Redirect", "/signin");
        given().when().get("/signin").then().statusCode(200).body(containsString("name=\"token\""));
    }

    @Test
    void aValidTokenBecomesAnHttpOnlyStrictSessionCookie() {
        String token = TestTokens.platformAdmin();

        Response signedIn = given().redirects().follow(false).formParam("token", "Bearer " + token)
                .formParam("next", "/catalog").when().post("/signin");

        assertThat(signedIn.statusCode()).isEqualTo(303);
        assertThat(signedIn.header("Location")).endsWith("/catalog");
        String cookie = signedIn.header("Set-Cookie");
        assertThat(cookie).startsWith(SessionCookie.NAME + "=" + token).contains("HttpOnly").contains("SameSite=Strict")
                .contains("Path=/").contains("Max-Age=");
        given().cookie(SessionCookie.NAME, token).when().get("/catalog")
                .then().statusCode(200).body(containsString("test-platform-admin"));
    }

    @Test
    void aRefusedTokenSetsNoCookie() {
        for (String bad : new String[] {TestTokens.signedByStranger("platform-admin"), "not.a.token", ""}) {
            Response refused = given().formParam("token", bad).when().post("/signin");
            assertThat(refused.statusCode()).as(bad).isEqualTo(401);
            assertThat(refused.header("Set-Cookie")).isNull();
            assertThat(refused.body().asString()).contains("signin-error");
        }
        Response noRole = given().formParam("token", TestTokens.issue("janitor", null)).when().post("/signin");
        assertThat(noRole.statusCode()).isEqualTo(401);
        assertThat(noRole.body().asString()).contains("none of the platform&#39;s roles"); // as Qute escapes it
    }

    @Test
    void aStaleCookieIsForgottenAndSignOutClearsTheCookie() {
        given().redirects().follow(false).cookie(SessionCookie.NAME, TestTokens.signedByStranger("platform-admin"))
                .when().get("/tenants").then().statusCode(303).header("Location", containsString("/signin"))
                .header("Set-Cookie", containsString("Max-Age=0"));
        given().redirects().follow(false).cookie(SessionCookie.NAME, TestTokens.platformAdmin()).when().post("/signout")
                .then().statusCode(303).header("Set-Cookie", containsString(SessionCookie.NAME + "=;"))
                .header("Set-Cookie", containsString("Max-Age=0"));
    }

    @Test
    void theSignInPageNeverRedirectsElsewhere() {
        Response signedIn = given().redirects().follow(false).formParam("token", TestTokens.auditor())
                .formParam("next", "//evil.example/").when().post("/signin");
        assertThat(signedIn.header("Location")).doesNotContain("evil.example");
    }
}
