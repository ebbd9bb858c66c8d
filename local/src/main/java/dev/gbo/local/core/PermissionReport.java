package dev.gbo.local.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The least-privilege report of a run: for every role a deployment defined, each statement of its
 * policies with the action and resource patterns it grants and how many allowed calls each one matched
 * (0 = granted but never used), and every call IAM refused (or, with enforcement off, would have).
 * Reports of several runs (one local cloud per scenario) {@link #merge} into one.
 */
public record PermissionReport(List<RoleUse> roles, List<Refusal> refusals) {

    /** One role: its ARN, the sessions that used it (function names; state machine sessions are counted). */
    public record RoleUse(String roleArn, List<String> sessions, List<StatementUse> statements, List<String> unknownManagedPolicies) {
        public String roleName() {
            return roleArn.substring(roleArn.lastIndexOf('/') + 1);
        }
    }

    /**
     * One statement: the policy it is in (inline policy name or managed policy ARN), its Sid or position, its
     * effect, and per action pattern and per resource pattern the calls it allowed (Deny: refused).
     */
    public record StatementUse(String policy, String statement, boolean allow, List<Grant> actions, List<Grant> resources) {
        public long calls() {
            return actions.stream().mapToLong(Grant::calls).sum();
        }
    }

    /** A pattern of a statement and the calls it matched. */
    public record Grant(String pattern, long calls) {
    }

    /** A refused call: who, which action on which resource, why, how often. */
    public record Refusal(String principalArn, String action, String resource, boolean explicitDeny, boolean enforced, long count) {
    }

    /** The prefix of AWS managed policies' ARNs (SAM attaches AWSLambdaBasicExecutionRole, AWSXrayWriteOnlyAccess). */
    public static final String AWS_MANAGED = "arn:aws:iam::aws:policy/";

    /**
     * The grants of the template never used, one line each: {@code role / policy / statement: pattern}. AWS managed
     * policies are left out: the template does not write them (SAM attaches them) and AWS uses them on the
     * principal's behalf (Lambda writes the function's logs and traces with them), not through its calls.
     */
    public List<String> unused() {
        List<String> out = new ArrayList<>();
        for (RoleUse r : roles) {
            for (StatementUse s : r.statements()) {
                if (!s.allow() || s.policy().startsWith(AWS_MANAGED)) {
                    continue;
                }
                String where = r.roleName() + " / " + s.policy() + " / " + s.statement() + ": ";
                s.actions().stream().filter(g -> g.calls() == 0).forEach(g -> out.add(where + g.pattern()));
                if (s.calls() > 0) {
                    s.resources().stream().filter(g -> g.calls() == 0).forEach(g -> out.add(where + "resource " + g.pattern()));
                }
            }
        }
        return out;
    }

    /** Both reports together: the same role, policy and statement add up their calls. */
    public PermissionReport merge(PermissionReport other) {
        Map<String, RoleUse> byRole = new LinkedHashMap<>();
        for (RoleUse r : roles) {
            byRole.put(r.roleArn(), r);
        }
        for (RoleUse r : other.roles()) {
            RoleUse mine = byRole.get(r.roleArn());
            byRole.put(r.roleArn(), mine == null ? r : mergeRole(mine, r));
        }
        Map<String, Refusal> refused = new LinkedHashMap<>();
        for (Refusal f : concat(refusals, other.refusals())) {
            String k = f.principalArn() + "|" + f.action() + "|" + f.resource() + "|" + f.explicitDeny() + "|" + f.enforced();
            Refusal known = refused.get(k);
            refused.put(k, known == null ? f : new Refusal(f.principalArn(), f.action(), f.resource(), f.explicitDeny(),
                    f.enforced(), known.count() + f.count()));
        }
        return new PermissionReport(List.copyOf(byRole.values()), List.copyOf(refused.values()));
    }

    private static RoleUse mergeRole(RoleUse a, RoleUse b) {
        TreeSet<String> sessions = new TreeSet<>(a.sessions());
        sessions.addAll(b.sessions());
        Map<String, StatementUse> statements = new LinkedHashMap<>();
        for (StatementUse s : concat(a.statements(), b.statements())) {
            String k = s.policy() + "|" + s.statement();
            StatementUse known = statements.get(k);
            statements.put(k, known == null ? s : new StatementUse(s.policy(), s.statement(), s.allow(),
                    add(known.actions(), s.actions()), add(known.resources(), s.resources())));
        }
        TreeSet<String> unknown = new TreeSet<>(a.unknownManagedPolicies());
        unknown.addAll(b.unknownManagedPolicies());
        return new RoleUse(a.roleArn(), List.copyOf(sessions), List.copyOf(statements.values()), List.copyOf(unknown));
    }

    private static List<Grant> add(List<Grant> a, List<Grant> b) {
        Map<String, Long> calls = new LinkedHashMap<>();
        for (Grant g : concat(a, b)) {
            calls.merge(g.pattern(), g.calls(), Long::sum);
        }
        List<Grant> out = new ArrayList<>();
        calls.forEach((p, c) -> out.add(new Grant(p, c)));
        return out;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** The report as text: per role, per statement, each pattern with its calls or "UNUSED"; then the refusals. */
    public String format() {
        StringBuilder out = new StringBuilder();
        for (RoleUse r : roles) {
            out.append(r.roleName());
            if (!r.sessions().isEmpty()) {
                List<String> shown = r.sessions().size() <= 3 ? r.sessions() : r.sessions().subList(0, 3);
                out.append("  (sessions: ").append(String.join(", ", shown))
                        .append(r.sessions().size() > 3 ? " and " + (r.sessions().size() - 3) + " more" : "").append(')');
            }
            out.append('\n');
            for (StatementUse s : r.statements()) {
                if (s.policy().startsWith(AWS_MANAGED) && s.calls() == 0) {
                    out.append("  ").append(s.policy()).append(" (AWS managed, attached by SAM): ")
                            .append(s.actions().stream().map(Grant::pattern).toList())
                            .append(" not used by the principal's calls (AWS uses it on its behalf)\n");
                    continue;
                }
                out.append("  ").append(s.policy()).append(" / ").append(s.statement())
                        .append(s.allow() ? "" : " (Deny)").append('\n');
                for (Grant g : s.actions()) {
                    out.append(String.format("    %-8s %s%n", g.calls() == 0 ? "UNUSED" : g.calls() + "x", g.pattern()));
                }
                if (s.resources().size() > 1 || s.resources().stream().anyMatch(g -> g.calls() == 0 && s.calls() > 0)) {
                    for (Grant g : s.resources()) {
                        out.append(String.format("      %-8s on %s%n", g.calls() == 0 ? "UNUSED" : g.calls() + "x", g.pattern()));
                    }
                } else {
                    s.resources().forEach(g -> out.append("      on ").append(g.pattern()).append('\n'));
                }
            }
            for (String m : r.unknownManagedPolicies()) {
                out.append("  ").append(m).append(": managed policy unknown to the local cloud, grants nothing here\n");
            }
        }
        if (refusals.isEmpty()) {
            out.append("refused calls: none\n");
        } else {
            out.append("refused calls:\n");
            for (Refusal f : refusals) {
                out.append("  ").append(f.count()).append("x ").append(f.principalArn()).append(' ').append(f.action())
                        .append(" on ").append(f.resource()).append(f.explicitDeny() ? " (explicit deny)" : "")
                        .append(f.enforced() ? "" : " (not enforced: IAM off)").append('\n');
            }
        }
        List<String> unused = unused();
        out.append(unused.size()).append(" granted permission(s) never used").append(unused.isEmpty() ? "" : ":").append('\n');
        unused.forEach(u -> out.append("  ").append(u).append('\n'));
        return out.toString();
    }
}
