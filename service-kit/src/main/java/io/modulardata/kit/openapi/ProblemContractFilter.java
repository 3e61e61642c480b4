package io.modulardata.kit.openapi;

import java.util.List;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import io.modulardata.kit.problem.Problem;
import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Defines the {@code Problem} schema and the standard problem+json responses ({@link ProblemResponses})
 * once per document, and makes every operation use them: every operation lists 400 (a malformed
 * {@code X-Correlation-Id} is refused on any request), a secured operation (one with a security
 * requirement, i.e. {@code @RolesAllowed}) 401 and 403; any other bare entry (no content, as Quarkus adds
 * them on its own) becomes a reference to its problem+json response. The rest (404, 409, 422, 503) each
 * resource states with {@code @APIResponse(..., ref = ProblemResponses.X)}, as only its code knows them.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ProblemContractFilter implements OASFilter {

    static final String PROBLEM_SCHEMA = "Problem";
    static final String FIELD_ERROR_SCHEMA = "FieldError";

    /** One standard response: its status code, component name and what it means. */
    private record Standard(String code, String name, String description) {
    }

    private static final List<Standard> STANDARD = List.of(
            new Standard("400", ProblemResponses.BAD_REQUEST,
                    "Bad input: `field` names the first offending field, `errors[]` lists every one"),
            new Standard("401", ProblemResponses.UNAUTHORIZED, "No bearer token, or one that does not verify"),
            new Standard("403", ProblemResponses.FORBIDDEN, "The token's role may not do this"),
            new Standard("404", ProblemResponses.NOT_FOUND,
                    "Unknown, or another tenant's (the same answer, so a caller cannot learn what exists)"),
            new Standard("409", ProblemResponses.CONFLICT,
                    "Conflicts with what exists, with the current state, or with a concurrent change"),
            new Standard("410", ProblemResponses.GONE,
                    "Gone for good: the tenant was offboarded (`tenant-offboarded`) or the data's key destroyed (`key-shredded`)"),
            new Standard("422", ProblemResponses.UNPROCESSABLE,
                    "Well-formed, but a rule on the current state refuses it (`field` names what to change)"),
            new Standard("503", ProblemResponses.SERVICE_UNAVAILABLE,
                    "A server the request needs is unavailable; nothing was changed. Retry after `Retry-After` seconds"));

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Components components = openAPI.getComponents();
        components.addSchema(FIELD_ERROR_SCHEMA, fieldErrorSchema());
        components.addSchema(PROBLEM_SCHEMA, problemSchema());
        STANDARD.forEach(standard -> components.addResponse(standard.name(), problemResponse(standard.description())));
        if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
            openAPI.getPaths().getPathItems().values()
                    .forEach(item -> item.getOperations().values().forEach(ProblemContractFilter::useStandardResponses));
        }
    }

    private static void useStandardResponses(Operation operation) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            return;
        }
        // The kit's filters refuse a malformed X-Correlation-Id header on every request with a 400.
        responses.addAPIResponse("400", reference("400"));
        if (operation.getSecurity() != null && !operation.getSecurity().isEmpty()) {
            responses.addAPIResponse("401", reference("401"));
            responses.addAPIResponse("403", reference("403"));
        }
        STANDARD.forEach(standard -> {
            APIResponse given = responses.getAPIResponse(standard.code());
            if (given != null && given.getRef() == null && given.getContent() == null) {
                responses.addAPIResponse(standard.code(), reference(standard.code()));
            }
        });
    }

    private static APIResponse reference(String code) {
        String name = STANDARD.stream().filter(standard -> standard.code().equals(code)).findFirst().orElseThrow().name();
        return OASFactory.createAPIResponse().ref(name);
    }

    private static APIResponse problemResponse(String description) {
        return OASFactory.createAPIResponse().description(description).content(OASFactory.createContent()
                .addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType().schema(ref(PROBLEM_SCHEMA))));
    }

    private static Schema problemSchema() {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details; never carries stack traces or class names")
                .required(List.of("type", "title", "status"))
                .addProperty("type", text("URI of the kind of problem, e.g. https://modulardata.io/problems/not-found"))
                .addProperty("title", text("Short summary of the kind of problem"))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).description("The HTTP status"))
                .addProperty("detail", text("What went wrong with this request"))
                .addProperty("field", text("The first offending request field (JSON path, header or parameter name)"))
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                        .description("Every offending field").items(ref(FIELD_ERROR_SCHEMA)));
    }

    private static Schema fieldErrorSchema() {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT).required(List.of("field", "message"))
                .addProperty("field", text("JSON path of the field, e.g. allowedDataEnvironments[1]"))
                .addProperty("message", text("What is wrong with it"));
    }

    private static Schema text(String description) {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING).description(description);
    }

    private static Schema ref(String schema) {
        return OASFactory.createSchema().ref(schema);
    }
}
