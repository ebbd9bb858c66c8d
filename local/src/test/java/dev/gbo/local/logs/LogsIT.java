package dev.gbo.local.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gbo.local.LocalCloud;
import dev.gbo.local.batch.Sdk;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.OrderBy;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

class LogsIT {
    LocalCloud cloud;
    CloudWatchLogsClient logs;

    @BeforeEach
    void start() {
        cloud = LocalCloud.builder().port(0).build().start();
        logs = Sdk.client(CloudWatchLogsClient.builder(), cloud);
        logs.createLogGroup(b -> b.logGroupName("/aws/batch/job"));
        logs.createLogStream(b -> b.logGroupName("/aws/batch/job").logStreamName("app/default/t1"));
    }

    @AfterEach
    void stop() {
        logs.close();
        cloud.close();
    }

    private void put(String stream, String... messages) {
        InputLogEvent[] events = new InputLogEvent[messages.length];
        for (int i = 0; i < messages.length; i++) {
            events[i] = InputLogEvent.builder().timestamp(1_000L + i).message(messages[i]).build();
        }
        logs.putLogEvents(b -> b.logGroupName("/aws/batch/job").logStreamName(stream).logEvents(events));
    }

    @Test
    void createLogGroup_existing_resourceAlreadyExists() {
        assertThatThrownBy(() -> logs.createLogGroup(b -> b.logGroupName("/aws/batch/job")))
                .isInstanceOf(ResourceAlreadyExistsException.class);
    }

    @Test
    void createLogGroup_badName_invalidParameter() {
        assertThatThrownBy(() -> logs.createLogGroup(b -> b.logGroupName("bad name!")))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void createLogStream_existing_resourceAlreadyExists() {
        assertThatThrownBy(() -> logs.createLogStream(b -> b.logGroupName("/aws/batch/job").logStreamName("app/default/t1")))
                .isInstanceOf(ResourceAlreadyExistsException.class);
    }

    @Test
    void createLogStream_unknownGroup_resourceNotFound() {
        assertThatThrownBy(() -> logs.createLogStream(b -> b.logGroupName("/nope").logStreamName("s")))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("log group does not exist");
    }

    @Test
    void putLogEvents_thenGetLogEventsFromHead_returnsInOrderWithTokens() {
        put("app/default/t1", "one", "two", "three");
        GetLogEventsResponse first = logs.getLogEvents(b -> b.logGroupName("/aws/batch/job")
                .logStreamName("app/default/t1").startFromHead(true).limit(2));
        assertThat(first.events()).extracting(OutputLogEvent::message).containsExactly("one", "two");
        GetLogEventsResponse next = logs.getLogEvents(b -> b.logGroupName("/aws/batch/job")
                .logStreamName("app/default/t1").nextToken(first.nextForwardToken()).limit(2));
        assertThat(next.events()).extracting(OutputLogEvent::message).containsExactly("three");
        GetLogEventsResponse end = logs.getLogEvents(b -> b.logGroupName("/aws/batch/job")
                .logStreamName("app/default/t1").nextToken(next.nextForwardToken()));
        assertThat(end.events()).isEmpty();
        assertThat(end.nextForwardToken()).isEqualTo(next.nextForwardToken());
        GetLogEventsResponse back = logs.getLogEvents(b -> b.logGroupName("/aws/batch/job")
                .logStreamName("app/default/t1").nextToken(next.nextBackwardToken()).limit(1));
        assertThat(back.events()).extracting(OutputLogEvent::message).containsExactly("two");
    }

    @Test
    void getLogEvents_defaultFromTail_returnsLastEvents() {
        put("app/default/t1", "a", "b", "c");
        assertThat(logs.getLogEvents(b -> b.logGroupName("/aws/batch/job").logStreamName("app/default/t1").limit(1))
                .events()).extracting(OutputLogEvent::message).containsExactly("c");
    }

    @Test
    void getLogEvents_unknownStream_resourceNotFound() {
        assertThatThrownBy(() -> logs.getLogEvents(b -> b.logGroupName("/aws/batch/job").logStreamName("nope")))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("log stream does not exist");
    }

    @Test
    void putLogEvents_outOfOrder_invalidParameter() {
        assertThatThrownBy(() -> logs.putLogEvents(b -> b.logGroupName("/aws/batch/job").logStreamName("app/default/t1")
                .logEvents(InputLogEvent.builder().timestamp(5L).message("late").build(),
                        InputLogEvent.builder().timestamp(1L).message("early").build())))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("chronological");
    }

    @Test
    void putLogEvents_unknownStream_resourceNotFound() {
        assertThatThrownBy(() -> put("nope", "x")).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void describeLogStreams_prefixAndOrder_listsStreams() {
        logs.createLogStream(b -> b.logGroupName("/aws/batch/job").logStreamName("app/default/t2"));
        logs.createLogStream(b -> b.logGroupName("/aws/batch/job").logStreamName("other/default/t3"));
        put("app/default/t2", "x");
        assertThat(logs.describeLogStreams(b -> b.logGroupName("/aws/batch/job").logStreamNamePrefix("app/"))
                .logStreams()).extracting(s -> s.logStreamName()).containsExactly("app/default/t1", "app/default/t2");
        var byTime = logs.describeLogStreams(b -> b.logGroupName("/aws/batch/job").orderBy(OrderBy.LAST_EVENT_TIME)
                .descending(true)).logStreams();
        assertThat(byTime).hasSize(3);
        assertThat(byTime.get(0).logStreamName()).isEqualTo("app/default/t2");
        assertThat(byTime.get(0).lastEventTimestamp()).isEqualTo(1000L);
    }

    @Test
    void describeLogStreams_prefixWithLastEventTime_invalidParameter() {
        assertThatThrownBy(() -> logs.describeLogStreams(b -> b.logGroupName("/aws/batch/job").logStreamNamePrefix("a")
                .orderBy(OrderBy.LAST_EVENT_TIME))).isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void describeLogStreams_unknownGroup_resourceNotFound() {
        assertThatThrownBy(() -> logs.describeLogStreams(b -> b.logGroupName("/nope")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void filterLogEvents_termsAndPhrases_matchOnlyThoseLines() {
        logs.createLogStream(b -> b.logGroupName("/aws/batch/job").logStreamName("app/default/t2"));
        put("app/default/t1", "{\"arch\": \"aarch64\", \"job_id\": \"1\"}", "exec /usr/local/bin/python: exec format error");
        put("app/default/t2", "{\"arch\": \"x86_64\", \"job_id\": \"2\"}");
        List<FilteredLogEvent> phrase = logs.filterLogEvents(b -> b.logGroupName("/aws/batch/job")
                .filterPattern("\"\\\"arch\\\": \\\"aarch64\\\"\"")).events();
        assertThat(phrase).extracting(FilteredLogEvent::logStreamName).containsExactly("app/default/t1");
        assertThat(logs.filterLogEvents(b -> b.logGroupName("/aws/batch/job").filterPattern("exec format error"))
                .events()).hasSize(1);
        assertThat(logs.filterLogEvents(b -> b.logGroupName("/aws/batch/job").filterPattern("arch")
                .logStreamNames("app/default/t2")).events()).extracting(FilteredLogEvent::message)
                .containsExactly("{\"arch\": \"x86_64\", \"job_id\": \"2\"}");
        assertThat(logs.filterLogEvents(b -> b.logGroupName("/aws/batch/job")).events()).hasSize(3);
    }

    @Test
    void filterLogEvents_unknownGroup_resourceNotFound() {
        assertThatThrownBy(() -> logs.filterLogEvents(b -> b.logGroupName("/nope")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void filterLogEvents_jsonPattern_invalidParameter() {
        assertThatThrownBy(() -> logs.filterLogEvents(b -> b.logGroupName("/aws/batch/job").filterPattern("{ $.arch = \"x\" }")))
                .isInstanceOf(InvalidParameterException.class);
    }
}
