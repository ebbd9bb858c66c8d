package dev.gbo.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Binding;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import java.util.function.Supplier;
import dev.gbo.local.core.Access;
import java.util.List;

/** Lambda GetFunction: the function's configuration (of the version the qualifier names) and a code location. */
final class GetFunction implements Operation {
    private final LambdaService lambda;
    private final LambdaStore store;
    private final Supplier<String> endpoint;

    GetFunction(LambdaService lambda, LambdaStore store, Supplier<String> endpoint) {
        this.lambda = lambda;
        this.store = store;
        this.endpoint = endpoint;
    }

    @Override
    public String name() {
        return "GetFunction";
    }

    @Override
    public Binding binding() {
        return Binding.rest("GET", "/2015-03-31/functions/{FunctionName}").query("Qualifier", "Qualifier");
    }

    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        String arn = LambdaService.functionArn(c, in);
        return arn == null ? List.of() : List.of(Access.of(action, arn));
    }

    @Override
    public JsonNode call(JsonNode input, RequestContext context) {
        String ref = Json.requireText(input, "FunctionName", "InvalidParameterValueException");
        LambdaStore.Target t = lambda.resolve(ref, Json.text(input, "Qualifier", null));
        ObjectNode out = Json.object();
        out.set("Configuration", configuration(store, t.function(), t.version()));
        ObjectNode code = out.putObject("Code");
        code.put("RepositoryType", "S3");
        code.put("Location", endpoint.get() + "/local-lambda-code/" + t.function().name() + ".jar");
        return out;
    }

    /** A function's configuration as GetFunction and ListFunctions return it. */
    static ObjectNode configuration(LambdaStore store, LambdaFunction f, String version) {
        ObjectNode c = Json.object();
        c.put("FunctionName", f.name());
        c.put("FunctionArn", store.functionArn(f.name()) + ("$LATEST".equals(version) ? "" : ":" + version));
        c.put("Runtime", "java21");
        c.put("Role", "arn:aws:iam::" + store.accountId() + ":role/" + f.name() + "-role");
        c.put("Handler", f.handler());
        c.put("CodeSize", 0);
        c.put("Description", "");
        c.put("Timeout", f.timeoutSeconds());
        c.put("MemorySize", f.memoryMb());
        c.put("LastModified", f.lastModified().toString().replace("Z", "+0000"));
        c.put("CodeSha256", f.codeSha256());
        c.put("Version", version);
        ObjectNode vars = c.putObject("Environment").putObject("Variables");
        f.environment().forEach(vars::put);
        c.putArray("Architectures").add("arm64");
        c.put("PackageType", "Zip");
        c.put("State", "Active");
        c.put("LastUpdateStatus", "Successful");
        c.putObject("SnapStart").put("ApplyOn", "None").put("OptimizationStatus", "Off");
        return c;
    }
}
