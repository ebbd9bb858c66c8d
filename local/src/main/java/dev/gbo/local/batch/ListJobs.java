package dev.gbo.local.batch;

import static dev.gbo.local.batch.BatchInput.client;
import static dev.gbo.local.batch.BatchInput.pages;
import static dev.gbo.local.batch.BatchInput.strings;
import static dev.gbo.local.batch.BatchInput.upper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Binding;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.Pages;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.fleet.BatchModel.Job;
import dev.gbo.local.fleet.JobStatus;
import dev.gbo.local.fleet.JobView;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/** AWS Batch ListJobs: the jobs of a queue (newest first) or the children of an array job, by status or filters. */
final class ListJobs implements Operation {
    private static final Pages PAGES = pages("jobs", 1000);
    private static final int DEFAULT_PAGE = 100;
    private static final List<String> STATUSES = Arrays.stream(JobStatus.values()).map(JobStatus::name).toList();
    private final BatchStore store;

    ListJobs(BatchStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "ListJobs";
    }

    @Override
    public Binding binding() {
        return Binding.rest("POST", "/v1/listjobs");
    }

    @Override
    public JsonNode call(JsonNode in, RequestContext context) {
        return store.compute(fx -> list(in));
    }

    private JsonNode list(JsonNode in) {
        String queueRef = Json.text(in, "jobQueue", null);
        String arrayJobId = Json.text(in, "arrayJobId", null);
        if (queueRef == null && arrayJobId == null && Json.text(in, "multiNodeJobId", null) == null) {
            throw client("ListJobs needs one of jobQueue, arrayJobId or multiNodeJobId.");
        }
        List<Job> source;
        boolean newestFirst = false;
        if (arrayJobId != null) {
            Job parent = store.findJob(arrayJobId);
            if (parent == null || !parent.isArrayParent()) {
                throw client("Array job " + arrayJobId + " does not exist.");
            }
            source = parent.children;
        } else if (queueRef != null) {
            source = store.jobQueue(queueRef).jobs;
            newestFirst = true;
        } else {
            source = List.of();
        }
        JsonNode filters = in.get("filters");
        boolean filtered = filters != null && filters.isArray() && !filters.isEmpty();
        String status = filtered ? null : upper(Json.text(in, "jobStatus", "RUNNING"));
        if (status != null && !STATUSES.contains(status)) {
            throw client("jobStatus must be one of " + STATUSES + "; got '" + status + "'.");
        }
        JobStatus wanted = status == null ? null : JobStatus.valueOf(status);
        List<Predicate<Job>> preds = filtered ? filters(filters) : List.of();
        int max = in.hasNonNull("maxResults") ? PAGES.pageSize(in) : DEFAULT_PAGE;
        int from = PAGES.offset(in);
        ObjectNode out = Json.object();
        ArrayNode arr = out.putArray("jobSummaryList");
        int seen = 0;
        int n = source.size();
        for (int k = 0; k < n; k++) {
            Job j = source.get(newestFirst ? n - 1 - k : k);
            if (wanted != null && wanted != j.status) {
                continue;
            }
            boolean ok = true;
            for (Predicate<Job> p : preds) {
                if (!p.test(j)) {
                    ok = false;
                    break;
                }
            }
            if (!ok) {
                continue;
            }
            if (seen++ < from) {
                continue;
            }
            if (arr.size() == max) {
                out.put("nextToken", PAGES.token(from + max));
                break;
            }
            arr.add(JobView.summary(j));
        }
        return out;
    }

    private static List<Predicate<Job>> filters(JsonNode filters) {
        List<Predicate<Job>> preds = new ArrayList<>();
        for (JsonNode f : filters) {
            String fname = f.path("name").asText("");
            List<String> values = strings(f.get("values"));
            if (values.size() != 1) {
                throw client("Filter " + fname + " takes exactly one value.");
            }
            String v = values.get(0);
            switch (fname) {
                case "JOB_NAME" -> {
                    String lv = v.toLowerCase(Locale.ROOT);
                    if (lv.endsWith("*")) {
                        String p = lv.substring(0, lv.length() - 1);
                        preds.add(j -> j.name.toLowerCase(Locale.ROOT).startsWith(p));
                    } else {
                        preds.add(j -> j.name.equalsIgnoreCase(v));
                    }
                }
                case "JOB_DEFINITION" -> preds.add(j -> v.equals(j.definition.arn) || v.equals(j.definition.name)
                        || v.equals(j.definition.name + ":" + j.definition.revision)
                        || (v.endsWith("*") && j.definition.name.startsWith(v.substring(0, v.length() - 1))));
                case "BEFORE_CREATED_AT", "AFTER_CREATED_AT" -> {
                    long t;
                    try {
                        t = Long.parseLong(v);
                    } catch (NumberFormatException e) {
                        throw client("Filter " + fname + " takes a time in milliseconds since the epoch; got '"
                                + v + "'.");
                    }
                    preds.add("BEFORE_CREATED_AT".equals(fname) ? j -> j.createdAt < t : j -> j.createdAt > t);
                }
                default -> throw client("Filter name must be JOB_NAME, JOB_DEFINITION, BEFORE_CREATED_AT or "
                        + "AFTER_CREATED_AT; got '" + fname + "'.");
            }
        }
        return preds;
    }
}
