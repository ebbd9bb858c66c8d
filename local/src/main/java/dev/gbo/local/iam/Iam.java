package dev.gbo.local.iam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.Access;
import dev.gbo.local.core.AccessControl;
import dev.gbo.local.core.AwsService;
import dev.gbo.local.core.PermissionReport;
import dev.gbo.local.core.Principal;
import dev.gbo.local.core.RequestContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local account's IAM: the roles deployments define (their inline policies and the managed policies
 * the local cloud knows), the access keys that sign as a role session (each function's), the
 * service-linked roles that exist, and the evaluation of every call a known principal makes
 * ({@link PolicyEvaluator}). A refused call is the API's own AccessDenied error with IAM's wording:
 * {@code User: arn:aws:sts::A:assumed-role/ROLE/SESSION is not authorized to perform: ACTION on resource:
 * ARN because no identity-based policy allows the ACTION action} (or {@code with an explicit deny in an
 * identity-based policy}).
 *
 * <p>Callers the account does not know (developer credentials, unsigned requests, a role no deployment
 * defined) are the account's administrator: allowed. With enforcement off ({@code --no-iam}) every call
 * is allowed, and the calls a known principal makes are still evaluated and recorded, so the
 * {@link #report} shows what would have been refused.
 */
public final class Iam implements AccessControl {

    private record Role(String arn, List<Policy> policies, List<String> unknownManaged) {
    }

    private static final int MAX_SESSIONS = 20;

    private final boolean enforced;
    private final Map<String, Role> roles = new ConcurrentHashMap<>();
    private final Map<String, Principal> keys = new ConcurrentHashMap<>();
    private final Set<String> serviceLinkedRoles = ConcurrentHashMap.newKeySet();
    /** role ARN -> "policy|statement index" -> [action pattern -> calls, resource pattern -> calls]. */
    private final Map<String, Map<String, List<Map<String, Long>>>> usage = new LinkedHashMap<>();
    private final Map<String, Set<String>> sessions = new LinkedHashMap<>();
    private final Map<String, long[]> refusals = new LinkedHashMap<>();

    public Iam(boolean enforced) {
        this.enforced = enforced;
    }

    /** Whether refusals are enforced (false: {@code --no-iam}, evaluated and reported only). */
    public boolean enforced() {
        return enforced;
    }

    @Override
    public void defineRole(String roleArn, Map<String, JsonNode> inlinePolicies, List<String> managedPolicyArns) {
        List<Policy> policies = new ArrayList<>();
        inlinePolicies.forEach((name, doc) -> policies.add(Policy.parse(name, doc)));
        List<String> unknown = new ArrayList<>();
        for (String arn : managedPolicyArns) {
            JsonNode doc = ManagedPolicies.document(arn);
            if (doc == null) {
                unknown.add(arn);
            } else {
                policies.add(Policy.parse(arn, doc));
            }
        }
        roles.put(roleArn, new Role(roleArn, List.copyOf(policies), List.copyOf(unknown)));
        synchronized (usage) {
            Map<String, List<Map<String, Long>>> byStatement = new LinkedHashMap<>();
            for (Policy p : policies) {
                for (Statement s : p.statements()) {
                    Map<String, Long> actions = new LinkedHashMap<>();
                    Map<String, Long> resources = new LinkedHashMap<>();
                    if (s.notAction()) {
                        actions.put("NotAction " + s.actions(), 0L);
                    } else {
                        s.actions().forEach(a -> actions.put(a, 0L));
                    }
                    if (s.notResource()) {
                        resources.put("NotResource " + s.resources(), 0L);
                    } else {
                        s.resources().forEach(r -> resources.put(r, 0L));
                    }
                    byStatement.put(p.name() + "|" + s.index(), List.of(actions, resources));
                }
            }
            usage.put(roleArn, byStatement);
        }
    }

    /** The managed policies of a defined role that the local cloud cannot know (they grant nothing here). */
    public List<String> unknownManagedPolicies(String roleArn) {
        Role r = roles.get(roleArn);
        return r == null ? List.of() : r.unknownManaged();
    }

    @Override
    public void signsAs(String accessKeyId, Principal principal) {
        keys.put(accessKeyId, principal);
    }

    @Override
    public Principal principalOf(String accessKeyId) {
        return accessKeyId == null ? null : keys.get(accessKeyId);
    }

    @Override
    public void authorize(Principal principal, AwsService service, String operation, JsonNode input,
            RequestContext context) {
        Role role = principal == null ? null : roles.get(principal.roleArn());
        List<Access> needed = service.access(operation, input, context);
        if (role == null) { // the account's administrator
            needed.stream().filter(Access::unlessExists).forEach(a -> serviceLinkedRoles.add(a.resource()));
            return;
        }
        Map<String, String> global = global(principal, context);
        synchronized (usage) {
            Set<String> known = sessions.computeIfAbsent(role.arn(), k -> new TreeSet<>());
            if (known.size() < MAX_SESSIONS) { // a state machine has one session per execution: keep a sample
                known.add(principal.sessionName());
            }
        }
        for (Access a : needed) {
            if (a.unlessExists() && serviceLinkedRoles.contains(a.resource())) {
                continue;
            }
            PolicyEvaluator.Decision d = PolicyEvaluator.evaluate(role.policies(), a, global);
            record(role, d);
            if (!d.allowed()) {
                refused(principal, a, d.explicitDeny());
                if (enforced) {
                    throw service.accessDenied(message(principal, a, d.explicitDeny()));
                }
            }
            if (a.unlessExists()) {
                serviceLinkedRoles.add(a.resource());
            }
        }
    }

    /** IAM's wording of a refusal. */
    static String message(Principal principal, Access a, boolean explicitDeny) {
        return "User: " + principal.arn() + " is not authorized to perform: " + a.action() + " on resource: " + a.resource()
                + (explicitDeny ? " with an explicit deny in an identity-based policy"
                        : " because no identity-based policy allows the " + a.action() + " action");
    }

    private static Map<String, String> global(Principal p, RequestContext context) {
        Map<String, String> g = new LinkedHashMap<>();
        g.put("aws:PrincipalArn", p.roleArn());
        g.put("aws:PrincipalAccount", p.accountId());
        g.put("aws:PrincipalType", "AssumedRole");
        g.put("aws:userid", "AROA" + Integer.toHexString(p.roleArn().hashCode()).toUpperCase(java.util.Locale.ROOT)
                + ":" + p.sessionName());
        g.put("aws:SecureTransport", "true");
        if (context != null && context.region() != null) {
            g.put("aws:RequestedRegion", context.region());
        }
        return g;
    }

    private void record(Role role, PolicyEvaluator.Decision d) {
        List<PolicyEvaluator.Match> matches = d.explicitDeny() ? List.of(d.deniedBy()) : d.allowedBy();
        synchronized (usage) {
            Map<String, List<Map<String, Long>>> byStatement = usage.get(role.arn());
            for (PolicyEvaluator.Match m : matches) {
                List<Map<String, Long>> u = byStatement.get(m.policy().name() + "|" + m.statement().index());
                m.actionPatterns().forEach(p -> u.get(0).merge(p, 1L, Long::sum));
                m.resourcePatterns().forEach(p -> u.get(1).merge(p, 1L, Long::sum));
            }
        }
    }

    private void refused(Principal p, Access a, boolean explicit) {
        synchronized (usage) {
            refusals.computeIfAbsent(p.arn() + "\n" + a.action() + "\n" + a.resource() + "\n" + explicit, k -> new long[1])[0]++;
        }
    }

    /** What the known principals used of their grants so far, and what was refused. */
    public PermissionReport report() {
        List<PermissionReport.RoleUse> out = new ArrayList<>();
        List<PermissionReport.Refusal> refused = new ArrayList<>();
        synchronized (usage) {
            usage.forEach((arn, byStatement) -> {
                Role role = roles.get(arn);
                List<PermissionReport.StatementUse> statements = new ArrayList<>();
                for (Policy p : role.policies()) {
                    for (Statement s : p.statements()) {
                        List<Map<String, Long>> u = byStatement.get(p.name() + "|" + s.index());
                        statements.add(new PermissionReport.StatementUse(p.name(), s.name(), s.allow(), grants(u.get(0)),
                                grants(u.get(1))));
                    }
                }
                out.add(new PermissionReport.RoleUse(arn, List.copyOf(sessions.getOrDefault(arn, Set.of())),
                        statements, role.unknownManaged()));
            });
            refusals.forEach((k, n) -> {
                String[] p = k.split("\n");
                refused.add(new PermissionReport.Refusal(p[0], p[1], p[2], Boolean.parseBoolean(p[3]), enforced, n[0]));
            });
        }
        return new PermissionReport(out, refused);
    }

    private static List<PermissionReport.Grant> grants(Map<String, Long> calls) {
        List<PermissionReport.Grant> out = new ArrayList<>();
        calls.forEach((p, c) -> out.add(new PermissionReport.Grant(p, c)));
        return out;
    }
}
