package dev.gbo.local.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-memory stand-in for the SQS queues used as dead-letter queues (the local cloud has no SQS
 * API): events EventBridge could not deliver land here with the attributes AWS puts on DLQ
 * messages (RULE_ARN, TARGET_ARN, ERROR_CODE, ERROR_MESSAGE, EXHAUSTED_RETRY_CONDITION,
 * RETRY_ATTEMPTS). Also the target of SQS-ARN EventBridge targets. Tests and the CLI read it.
 */
public final class DeadLetterQueues {

    public record Message(String messageId, String body, Map<String, String> attributes, Instant sentAt) {
    }

    public record Queue(String name, String arn, String url) {
    }

    private final String region;
    private final String accountId;
    private final Map<String, Queue> queues = new ConcurrentHashMap<>();
    private final Map<String, List<Message>> messages = new ConcurrentHashMap<>();

    public DeadLetterQueues(String region, String accountId) {
        this.region = region;
        this.accountId = accountId;
    }

    /** Records a queue (idempotent); returns it. */
    public Queue create(String name) {
        return queues.computeIfAbsent(arn(name), a -> new Queue(name, a,
                "https://sqs." + region + ".amazonaws.com/" + accountId + "/" + name));
    }

    public String arn(String name) {
        return "arn:aws:sqs:" + region + ":" + accountId + ":" + name;
    }

    public List<Queue> queues() {
        return List.copyOf(queues.values());
    }

    /** Adds a message to the queue with this ARN (the queue is recorded if unknown). */
    public void send(String queueArn, Message message) {
        String name = queueArn.substring(queueArn.lastIndexOf(':') + 1);
        queues.computeIfAbsent(queueArn, a -> new Queue(name, a,
                "https://sqs." + region + ".amazonaws.com/" + accountId + "/" + name));
        messages.computeIfAbsent(queueArn, a -> new ArrayList<>());
        List<Message> list = messages.get(queueArn);
        synchronized (list) {
            list.add(message);
        }
    }

    /** The messages in the queue (by ARN or name), oldest first. */
    public List<Message> messages(String queueArnOrName) {
        String arn = queueArnOrName.startsWith("arn:") ? queueArnOrName : arn(queueArnOrName);
        List<Message> list = messages.get(arn);
        if (list == null) {
            return List.of();
        }
        synchronized (list) {
            return List.copyOf(list);
        }
    }
}
