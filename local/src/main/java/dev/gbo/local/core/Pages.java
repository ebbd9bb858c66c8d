package dev.gbo.local.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * The one pagination of the local cloud. A page token is opaque, as AWS's are: the URL-safe Base64
 * of {@code <scope>:<offset>}, so a token of one listing is refused by another, and a forged, negative
 * or out-of-range token is refused with the API's own error instead of failing inside the service.
 *
 * <pre>{@code
 * static final Pages JOBS = new Pages("batch-jobs", "nextToken", "maxResults", 100,
 *         m -> new AwsException("ClientException", 400, m));
 * ObjectNode out = JOBS.page(input, rows, "jobSummaryList");
 * }</pre>
 */
public final class Pages {
    private final String scope;
    private final String tokenMember;
    private final String maxMember;
    private final int maxAllowed;
    private final Function<String, AwsException> refuse;

    /**
     * @param scope       names the listing inside the token
     * @param tokenMember the API's token member ({@code nextToken} or {@code NextToken}); also the output member
     * @param maxMember   the API's page size member ({@code maxResults}, {@code MaxResults}, {@code limit})
     * @param maxAllowed  the largest (and default) page size
     * @param refuse      the API's error for a bad token or page size, from a message
     */
    public Pages(String scope, String tokenMember, String maxMember, int maxAllowed, Function<String, AwsException> refuse) {
        this.scope = scope;
        this.tokenMember = tokenMember;
        this.maxMember = maxMember;
        this.maxAllowed = maxAllowed;
        this.refuse = refuse;
    }

    /** The page of {@code rows} the input asks for, under {@code member}, with the next token when more remain. */
    public ObjectNode page(JsonNode input, List<? extends JsonNode> rows, String member) {
        int max = pageSize(input);
        int from = Math.min(offset(input), rows.size());
        int to = Math.min(rows.size(), from + max);
        ObjectNode out = Json.object();
        ArrayNode arr = out.putArray(member);
        rows.subList(from, to).forEach(arr::add);
        if (to < rows.size()) {
            out.put(tokenMember, token(to));
        }
        return out;
    }

    public int pageSize(JsonNode input) {
        JsonNode n = input.get(maxMember);
        if (n == null || n.isNull()) {
            return maxAllowed;
        }
        if (!n.canConvertToInt() || n.asInt() < 1 || n.asInt() > maxAllowed) {
            throw refuse.apply(maxMember + " must be between 1 and " + maxAllowed + "; got " + n.asText() + ".");
        }
        return n.asInt();
    }

    /** The offset the input's token names; 0 without a token. */
    public int offset(JsonNode input) {
        JsonNode n = input.get(tokenMember);
        if (n == null || n.isNull() || n.asText().isEmpty()) {
            return 0;
        }
        String t = n.asText();
        try {
            String s = new String(Base64.getUrlDecoder().decode(t), StandardCharsets.UTF_8);
            if (s.startsWith(scope + ":")) {
                int offset = Integer.parseInt(s.substring(scope.length() + 1));
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // not ours: refused below
        }
        throw refuse.apply("The " + tokenMember + " '" + t + "' is not valid.");
    }

    public String token(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((scope + ":" + offset).getBytes(StandardCharsets.UTF_8));
    }
}
