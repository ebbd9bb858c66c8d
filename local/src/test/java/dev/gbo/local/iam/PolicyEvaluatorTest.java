package dev.gbo.local.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gbo.local.core.Access;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyEvaluatorTest {

    private static final String QUEUE = "arn:aws:batch:us-east-1:123456789012:job-queue/gbo-m8g";

    private static PolicyEvaluator.Decision evaluate(String statements, Access access) {
        return evaluate(statements, access, Map.of());
    }

    private static PolicyEvaluator.Decision evaluate(String statements, Access access, Map<String, String> global) {
        Policy p = Policy.parse("test", Json.parse("{\"Version\": \"2012-10-17\", \"Statement\": [" + statements + "]}"));
        return PolicyEvaluator.evaluate(List.of(p), access, global);
    }

    @Test
    void evaluate_allowOfActionAndResource_allowedByThatStatement() {
        var d = evaluate("{\"Sid\": \"Submit\", \"Effect\": \"Allow\", \"Action\": \"batch:SubmitJob\", \"Resource\": \"" + QUEUE + "\"}",
                Access.of("batch:SubmitJob", QUEUE));

        assertThat(d.allowed()).isTrue();
        assertThat(d.allowedBy()).singleElement().satisfies(m -> assertThat(m.statement().sid()).isEqualTo("Submit"));
    }

    @Test
    void evaluate_noStatementMatches_implicitlyDenied() {
        var d = evaluate("{\"Effect\": \"Allow\", \"Action\": \"batch:ListJobs\", \"Resource\": \"*\"}",
                Access.of("batch:SubmitJob", QUEUE));

        assertThat(d.allowed()).isFalse();
        assertThat(d.explicitDeny()).isFalse();
    }

    @Test
    void evaluate_denyAndAllowBothMatch_denyWins() {
        var d = evaluate("""
                {"Effect": "Allow", "Action": "batch:*", "Resource": "*"},
                {"Sid": "NoSubmit", "Effect": "Deny", "Action": "batch:SubmitJob", "Resource": "*"}""",
                Access.of("batch:SubmitJob", QUEUE));

        assertThat(d.allowed()).isFalse();
        assertThat(d.explicitDeny()).isTrue();
        assertThat(d.deniedBy().statement().sid()).isEqualTo("NoSubmit");
    }

    @Test
    void evaluate_actionWildcard_matchesTheFamilyCaseInsensitivelyOnly() {
        String s = "{\"Effect\": \"Allow\", \"Action\": \"batch:Describe*\", \"Resource\": \"*\"}";

        assertThat(evaluate(s, Access.of("batch:DescribeJobs", "*")).allowed()).isTrue();
        assertThat(evaluate(s, Access.of("BATCH:describejobqueues", "*")).allowed()).isTrue();
        assertThat(evaluate(s, Access.of("batch:ListJobs", "*")).allowed()).isFalse();
        assertThat(evaluate(s, Access.of("ec2:DescribeSubnets", "*")).allowed()).isFalse();
    }

    @Test
    void evaluate_questionMarkInAction_matchesExactlyOneCharacter() {
        String s = "{\"Effect\": \"Allow\", \"Action\": \"states:SendTask?uccess\", \"Resource\": \"*\"}";

        assertThat(evaluate(s, Access.of("states:SendTaskSuccess", "*")).allowed()).isTrue();
        assertThat(evaluate(s, Access.of("states:SendTaskFailure", "*")).allowed()).isFalse();
    }

    @Test
    void evaluate_resourceWildcard_matchesTheProjectsNamesOnlyAndCaseSensitively() {
        String s = "{\"Effect\": \"Allow\", \"Action\": \"batch:SubmitJob\", \"Resource\": "
                + "\"arn:aws:batch:us-east-1:123456789012:job-queue/gbo-*\"}";

        assertThat(evaluate(s, Access.of("batch:SubmitJob", QUEUE)).allowed()).isTrue();
        assertThat(evaluate(s, Access.of("batch:SubmitJob", "arn:aws:batch:us-east-1:123456789012:job-queue/other")).allowed())
                .isFalse();
        assertThat(evaluate(s, Access.of("batch:SubmitJob", "arn:aws:batch:us-east-1:123456789012:job-queue/GBO-m8g")).allowed())
                .isFalse();
    }

    @Test
    void evaluate_resourceStarOfAnActionWithoutResourceTypes_isTheOnlyGrantThatMatches() {
        String specific = "{\"Effect\": \"Allow\", \"Action\": \"batch:DescribeJobs\", \"Resource\": \"" + QUEUE + "\"}";

        assertThat(evaluate(specific, Access.of("batch:DescribeJobs", "*")).allowed()).isFalse();
    }

    @Test
    void evaluate_notAction_allowsEveryOtherAction() {
        String s = "{\"Effect\": \"Allow\", \"NotAction\": [\"iam:*\", \"batch:Delete*\"], \"Resource\": \"*\"}";

        assertThat(evaluate(s, Access.of("batch:SubmitJob", QUEUE)).allowed()).isTrue();
        assertThat(evaluate(s, Access.of("batch:DeleteJobQueue", QUEUE)).allowed()).isFalse();
        assertThat(evaluate(s, Access.of("iam:PassRole", "arn:aws:iam::123456789012:role/x")).allowed()).isFalse();
    }

    @Test
    void evaluate_denyWithNotResource_deniesEverythingOutsideTheProject() {
        String s = """
                {"Effect": "Allow", "Action": "batch:SubmitJob", "Resource": "*"},
                {"Effect": "Deny", "Action": "batch:SubmitJob", "NotResource": "arn:aws:batch:*:*:job-queue/gbo-*"}""";

        assertThat(evaluate(s, Access.of("batch:SubmitJob", QUEUE)).allowed()).isTrue();
        var other = evaluate(s, Access.of("batch:SubmitJob", "arn:aws:batch:us-east-1:123456789012:job-queue/x"));
        assertThat(other.explicitDeny()).isTrue();
    }

    @Test
    void evaluate_stringEqualsOnPassedToService_allowsOnlyThatService() {
        String s = """
                {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::123456789012:role/ecsInstanceRole",
                 "Condition": {"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}}""";
        String role = "arn:aws:iam::123456789012:role/ecsInstanceRole";

        assertThat(evaluate(s, Access.passRole(role, "ec2.amazonaws.com")).allowed()).isTrue();
        assertThat(evaluate(s, Access.passRole(role, "ecs-tasks.amazonaws.com")).allowed()).isFalse();
        assertThat(evaluate(s, Access.of("iam:PassRole", role)).allowed()).as("key absent").isFalse();
    }

    @Test
    void evaluate_ifExistsAndNullOperators_treatAnAbsentKeyAsIamDoes() {
        String ifExists = "{\"Effect\": \"Allow\", \"Action\": \"batch:SubmitJob\", \"Resource\": \"*\","
                + " \"Condition\": {\"StringEqualsIfExists\": {\"batch:ShareIdentifier\": \"low\"}}}";
        String isNull = "{\"Effect\": \"Allow\", \"Action\": \"batch:SubmitJob\", \"Resource\": \"*\","
                + " \"Condition\": {\"Null\": {\"batch:ShareIdentifier\": \"true\"}}}";

        assertThat(evaluate(ifExists, Access.of("batch:SubmitJob", QUEUE)).allowed()).isTrue();
        assertThat(evaluate(ifExists, Access.of("batch:SubmitJob", QUEUE).with("batch:ShareIdentifier", "high")).allowed()).isFalse();
        assertThat(evaluate(isNull, Access.of("batch:SubmitJob", QUEUE)).allowed()).isTrue();
        assertThat(evaluate(isNull, Access.of("batch:SubmitJob", QUEUE).with("batch:ShareIdentifier", "low")).allowed()).isFalse();
    }

    @Test
    void evaluate_stringLikeStringNotEqualsAndArnLike_matchAsIamDoes() {
        String s = """
                {"Effect": "Allow", "Action": "events:PutEvents", "Resource": "*",
                 "Condition": {"StringLike": {"events:source": "gbo.*"}, "StringNotEquals": {"events:detail-type": "Forbidden"},
                               "ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/gbo-*"}}}""";
        Map<String, String> principal = Map.of("aws:PrincipalArn", "arn:aws:iam::123456789012:role/gbo-ReconcileFunctionRole-X");
        Access put = Access.of("events:PutEvents", "arn:aws:events:us-east-1:123456789012:event-bus/gbo-bus");

        assertThat(evaluate(s, put.with("events:source", "gbo.orchestrator").with("events:detail-type", "Batch Job Verified"),
                principal).allowed()).isTrue();
        assertThat(evaluate(s, put.with("events:source", "aws.batch").with("events:detail-type", "x"), principal).allowed()).isFalse();
        assertThat(evaluate(s, put.with("events:source", "gbo.x").with("events:detail-type", "Forbidden"), principal).allowed()).isFalse();
        assertThat(evaluate(s, put.with("events:source", "gbo.x").with("events:detail-type", "y"),
                Map.of("aws:PrincipalArn", "arn:aws:iam::123456789012:role/other")).allowed()).isFalse();
    }

    @Test
    void evaluate_policyVariable_resolvedFromTheRequestContext() {
        String s = "{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::b/${aws:PrincipalAccount}/*\"}";

        assertThat(evaluate(s, Access.of("s3:GetObject", "arn:aws:s3:::b/123456789012/k"), Map.of("aws:PrincipalAccount", "123456789012"))
                .allowed()).isTrue();
        assertThat(evaluate(s, Access.of("s3:GetObject", "arn:aws:s3:::b/999999999999/k"), Map.of("aws:PrincipalAccount", "123456789012"))
                .allowed()).isFalse();
    }

    @Test
    void parse_principalInAnIdentityPolicy_isMalformed() {
        assertThatThrownBy(() -> Policy.parse("p", Json.parse("""
                {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": "*"}]}""")))
                .isInstanceOf(AwsException.class)
                .satisfies(e -> assertThat(((AwsException) e).code()).isEqualTo("MalformedPolicyDocument"))
                .hasMessageContaining("should not specify a principal");
    }

    @Test
    void parse_actionAndNotActionTogether_isMalformed() {
        assertThatThrownBy(() -> Policy.parse("p", Json.parse("""
                {"Statement": {"Effect": "Allow", "Action": "s3:*", "NotAction": "iam:*", "Resource": "*"}}""")))
                .hasMessageContaining("exactly one of Action and NotAction");
    }

    @Test
    void parse_conditionOperatorTheLocalCloudCannotEvaluate_isRefusedNotGuessed() {
        assertThatThrownBy(() -> Policy.parse("p", Json.parse("""
                {"Statement": {"Effect": "Deny", "Action": "*", "Resource": "*",
                 "Condition": {"DateGreaterThan": {"aws:CurrentTime": "2030-01-01T00:00:00Z"}}}}""")))
                .hasMessageContaining("DateGreaterThan").hasMessageContaining("--no-iam");
    }

    /** Step Functions' documented example (auth-version-alias): deny DescribeStateMachine on the PROD alias and version 1. */
    @Test
    void evaluate_stateMachineQualifierCondition_scopesVersionsAndAliases() {
        String machine = "arn:aws:states:us-east-1:123456789012:stateMachine:myStateMachine";
        String policy = "{\"Effect\": \"Allow\", \"Action\": \"states:DescribeStateMachine\", \"Resource\": \"" + machine + "\"},"
                + "{\"Effect\": \"Deny\", \"Action\": \"states:DescribeStateMachine\", \"Resource\": \"" + machine + "\","
                + " \"Condition\": {\"ForAnyValue:StringEquals\": {\"states:StateMachineQualifier\": [\"PROD\", \"1\"]}}}";
        Access prod = Access.of("states:DescribeStateMachine", machine).with("states:StateMachineQualifier", "PROD");
        Access v2 = Access.of("states:DescribeStateMachine", machine).with("states:StateMachineQualifier", "2");

        assertThat(evaluate(policy, prod).explicitDeny()).isTrue();
        assertThat(evaluate(policy, v2).allowed()).isTrue();
        assertThat(evaluate(policy, Access.of("states:DescribeStateMachine", machine)).allowed()).isTrue();
    }
}
