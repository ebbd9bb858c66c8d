package dev.gbo.local.iam;

import dev.gbo.local.core.Access;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * IAM's evaluation of identity-based policies for one {@link Access}: an explicit Deny in any statement
 * that matches wins; otherwise the access is allowed when at least one Allow statement matches (its
 * action, its resource and all its conditions), else it is implicitly denied. The request context is
 * the access's own keys over the principal's global keys ({@code aws:PrincipalArn},
 * {@code aws:PrincipalAccount}, {@code aws:RequestedRegion}, ...).
 */
final class PolicyEvaluator {

    private PolicyEvaluator() {
    }

    /** A statement that matched, with the action and resource patterns that did. */
    record Match(Policy policy, Statement statement, List<String> actionPatterns, List<String> resourcePatterns) {
    }

    /** The outcome: allowed (by {@code allowedBy}), or denied explicitly ({@code deniedBy}) or implicitly. */
    record Decision(boolean allowed, Match deniedBy, List<Match> allowedBy) {
        boolean explicitDeny() {
            return deniedBy != null;
        }
    }

    static Decision evaluate(List<Policy> policies, Access access, Map<String, String> globalContext) {
        Map<String, String> context = new HashMap<>(globalContext);
        context.putAll(access.context());
        List<Match> allows = new ArrayList<>();
        Match deny = null;
        for (Policy p : policies) {
            for (Statement s : p.statements()) {
                List<String> actions = s.matchingActions(access.action());
                if (actions.isEmpty()) {
                    continue;
                }
                List<String> resources = s.matchingResources(access.resource(), context);
                if (resources.isEmpty() || !s.conditionsHold(context)) {
                    continue;
                }
                Match m = new Match(p, s, actions, resources);
                if (!s.allow()) {
                    if (deny == null) {
                        deny = m;
                    }
                } else {
                    allows.add(m);
                }
            }
        }
        if (deny != null) {
            return new Decision(false, deny, List.of());
        }
        return new Decision(!allows.isEmpty(), null, List.copyOf(allows));
    }
}
