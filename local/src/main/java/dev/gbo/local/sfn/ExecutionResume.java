package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Json;
import dev.gbo.local.sfn.Interpreter.Frame;
import dev.gbo.local.sfn.Interpreter.StateRun;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Resumes an execution that a durable local cloud restored RUNNING (the process was killed), from its
 * history alone. Every event names the previous event of its thread ({@link Execution#threadPrevious}: its
 * previousEventId, or the internal {@code threadEventId} where AWS's previousEventId links elsewhere), so the
 * history is a tree of threads: the machine, and under a ParallelStateStarted one thread per branch.
 * In each thread the last {@code *StateEntered} says where it stands:
 *
 * <ul>
 *   <li>the state exited: the thread goes on to its next state (a Catcher's when the state ended in an
 *       error a Catcher took; a Choice is evaluated again), or ends;</li>
 *   <li>a Task in progress: a recorded result is used as it is (ResultSelector, ResultPath ... then
 *       on); a recorded failure goes through Retry/Catch with the retry counts its earlier attempts
 *       used; an attempt whose result was not recorded is run again (at least once), with the same task
 *       token when it was a {@code .waitForTaskToken} task, so a token handed out before the kill can
 *       still be redeemed;</li>
 *   <li>a Parallel in progress: each branch resumes the same way, finished branches keep their output;</li>
 *   <li>any other state in progress (Pass, Choice, Wait, Map, Succeed, Fail) is entered again: a Wait
 *       waits its full time again, a Map runs all its iterations again.</li>
 * </ul>
 *
 * Workflow variables come back from the {@code assignedVariables} of each thread's Exited events.
 * A history it cannot follow fails the execution with {@code States.Runtime} and a cause saying so;
 * nothing is dropped silently. The execution's TimeoutSeconds counts from its start date, as before.
 */
final class ExecutionResume {

    private final Interpreter interp;
    private final Execution e;
    private final Map<Long, List<JsonNode>> children = new HashMap<>();
    private final JsonNode first;

    private ExecutionResume(Interpreter interp, Execution e) {
        this.interp = interp;
        this.e = e;
        List<JsonNode> events = new ArrayList<>(e.events());
        this.first = events.isEmpty() ? null : events.get(0);
        for (JsonNode ev : events) {
            children.computeIfAbsent(Execution.threadPrevious(ev), k -> new ArrayList<>()).add(ev);
        }
    }

    /** Driver thread only. */
    static void resume(Interpreter interp, Execution e) {
        try {
            new ExecutionResume(interp, e).run();
        } catch (RuntimeException ex) {
            ObjectNode d = Json.object();
            String cause = "The local cloud restarted and could not resume this execution from its history: " + ex.getMessage();
            d.put("error", StatesError.RUNTIME);
            d.put("cause", cause);
            if (e.close(interp.clock().now(), "FAILED", "ExecutionFailed", e.eventCount(), "executionFailedEventDetails", d,
                    null, StatesError.RUNTIME, cause)) {
                interp.cleanup(e);
            }
        }
    }

    private void run() {
        if (first == null || !"ExecutionStarted".equals(first.path("type").asText())) {
            throw new IllegalStateException("its history does not begin with ExecutionStarted");
        }
        if (e.definition.timeoutSeconds != null) {
            Instant due = e.startDate.plusSeconds(e.definition.timeoutSeconds);
            interp.armTimeout(e, Duration.between(interp.clock().now(), due));
        }
        Frame root = interp.rootFrame(e);
        List<JsonNode> thread = walk(first);
        root.last = last(thread);
        root.prev = thread.size() == 1 ? 0 : root.last;
        replayVariables(root.vars, thread);
        apply(root, plan(e.definition, thread, e.inputNode));
    }

    // ------------------------------------------------------------------ threads

    private static boolean forks(JsonNode ev) {
        String t = ev.path("type").asText();
        return t.equals("ParallelStateStarted") || t.equals("MapStateStarted") || t.equals("MapIterationStarted");
    }

    private static boolean entered(JsonNode ev) {
        return ev.path("type").asText().endsWith("StateEntered");
    }

    /** The events of one thread from {@code start} on: each one's continuation in the same thread. */
    private List<JsonNode> walk(JsonNode start) {
        List<JsonNode> out = new ArrayList<>();
        JsonNode cur = start;
        while (cur != null) {
            out.add(cur);
            JsonNode next = null;
            for (JsonNode k : children.getOrDefault(cur.path("id").asLong(), List.of())) {
                if (forks(cur) && entered(k)) {
                    continue; // a branch or an iteration starts here: another thread
                }
                next = k;
                break;
            }
            cur = next;
        }
        return out;
    }

    /**
     * The variables a thread had: the {@code assignedVariables} of its Exited events, in order; except a
     * Choice that exited last, which is evaluated again (with the variables it saw) and assigns again.
     */
    private static void replayVariables(Variables vars, List<JsonNode> thread) {
        int lastEntered = -1;
        for (int i = 0; i < thread.size(); i++) {
            if (entered(thread.get(i))) {
                lastEntered = i;
            }
        }
        for (int i = 0; i < thread.size(); i++) {
            JsonNode ev = thread.get(i);
            if (i > lastEntered && ev.path("type").asText().equals("ChoiceStateExited")) {
                continue;
            }
            JsonNode assigned = ev.path("stateExitedEventDetails").path("assignedVariables");
            if (assigned.isObject()) {
                vars.replay(assigned);
            }
        }
    }

    private static long last(List<JsonNode> thread) {
        return thread.get(thread.size() - 1).path("id").asLong();
    }

    // ------------------------------------------------------------------ plans

    private enum Kind { ENTER, CONTINUE, DONE }

    /** Where a thread goes on: enter a state, continue a state's visit, or end with an output. */
    private record Plan(Kind kind, String state, JsonNode input, long enteredId, List<JsonNode> visit) {
    }

    private Plan plan(Asl.Machine machine, List<JsonNode> thread, JsonNode startInput) {
        int k = -1;
        for (int i = thread.size() - 1; i >= 0; i--) {
            if (entered(thread.get(i))) {
                k = i;
                break;
            }
        }
        if (k < 0) {
            return new Plan(Kind.ENTER, machine.startAt, startInput, 0, List.of());
        }
        JsonNode enteredEvent = thread.get(k);
        JsonNode details = enteredEvent.path("stateEnteredEventDetails");
        String name = details.path("name").asText();
        Asl.State s = machine.states.get(name);
        if (s == null) {
            throw new IllegalStateException("its history enters the state '" + name + "', which its state machine revision does not have");
        }
        JsonNode input = Json.parse(details.path("input").asText("{}"));
        List<JsonNode> visit = thread.subList(k + 1, thread.size());
        JsonNode exited = visit.isEmpty() ? null : visit.get(visit.size() - 1);
        if (exited == null || !exited.path("type").asText().endsWith("StateExited")) {
            return new Plan(Kind.CONTINUE, name, input, enteredEvent.path("id").asLong(), visit);
        }
        JsonNode output = Json.parse(exited.path("stateExitedEventDetails").path("output").asText("{}"));
        if (s instanceof Asl.Choice) {
            return new Plan(Kind.ENTER, name, input, 0, List.of()); // evaluated again: same input, same branch
        }
        String target = s.next();
        JsonNode failure = lastOutcomeFailure(visit);
        if (failure != null) {
            Asl.Catcher c = catcher(s, failure);
            if (c == null) {
                return new Plan(Kind.ENTER, name, input, 0, List.of()); // which Catcher took it is unknown: run again
            }
            target = c.next();
        }
        if (target == null || s instanceof Asl.Succeed) {
            return new Plan(Kind.DONE, name, output, 0, List.of());
        }
        return new Plan(Kind.ENTER, target, output, 0, List.of());
    }

    /** The visit's last outcome event when it is a failure (the state then left through a Catcher). */
    private static JsonNode lastOutcomeFailure(List<JsonNode> visit) {
        for (int i = visit.size() - 1; i >= 0; i--) {
            String t = visit.get(i).path("type").asText();
            if (t.endsWith("Succeeded")) {
                return null;
            }
            if (t.endsWith("Failed") || t.endsWith("TimedOut")) {
                return visit.get(i);
            }
        }
        return null;
    }

    private static StatesError error(JsonNode failure) {
        for (var it = failure.fields(); it.hasNext(); ) {
            var f = it.next();
            if (f.getKey().endsWith("EventDetails")) {
                return new StatesError(f.getValue().path("error").asText(null), f.getValue().path("cause").asText(null));
            }
        }
        return new StatesError(null, null);
    }

    private static Asl.Catcher catcher(Asl.State s, JsonNode failure) {
        StatesError err = error(failure);
        if (err.error() == null) {
            return s.errors().catchers().size() == 1 ? s.errors().catchers().get(0) : null;
        }
        for (Asl.Catcher c : s.errors().catchers()) {
            if (c.errorEquals().stream().anyMatch(err::matches)) {
                return c;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ going on

    private void apply(Frame f, Plan p) {
        switch (p.kind()) {
            case DONE -> f.done.succeeded(p.input());
            case ENTER -> interp.enter(f, p.state(), p.input());
            case CONTINUE -> {
                Asl.State s = f.machine.states.get(p.state());
                StateRun r = interp.new StateRun(f, s, p.input());
                r.enteredId = p.enteredId();
                switch (s) {
                    case Asl.Task t -> continueTask(r, p.visit());
                    case Asl.Parallel x -> continueParallel(r, p.visit());
                    case Asl.Pass x -> interp.enter(f, p.state(), p.input());
                    case Asl.Choice x -> interp.enter(f, p.state(), p.input());
                    case Asl.Wait x -> interp.enter(f, p.state(), p.input());
                    case Asl.Succeed x -> interp.enter(f, p.state(), p.input());
                    case Asl.Fail x -> interp.enter(f, p.state(), p.input());
                    case Asl.Map x -> interp.enter(f, p.state(), p.input());
                }
            }
        }
    }

    private static boolean scheduled(JsonNode ev) {
        String t = ev.path("type").asText();
        return t.equals("TaskScheduled") || t.equals("LambdaFunctionScheduled");
    }

    private void continueTask(StateRun r, List<JsonNode> visit) {
        List<List<JsonNode>> attempts = new ArrayList<>();
        for (JsonNode ev : visit) {
            if (scheduled(ev)) {
                attempts.add(new ArrayList<>());
            }
            if (!attempts.isEmpty()) {
                attempts.get(attempts.size() - 1).add(ev);
            }
        }
        // the retries the earlier attempts used, counted as RetryCatch counts them
        for (int i = 0; i < attempts.size() - 1; i++) {
            JsonNode failure = lastOutcomeFailure(attempts.get(i));
            if (failure != null) {
                countRetry(r, error(failure));
            }
        }
        if (attempts.isEmpty()) {
            interp.retry(r); // not scheduled yet: the attempt runs now
            return;
        }
        List<JsonNode> lastAttempt = attempts.get(attempts.size() - 1);
        JsonNode end = lastAttempt.get(lastAttempt.size() - 1);
        String t = end.path("type").asText();
        if (t.equals("TaskSucceeded") || t.equals("LambdaFunctionSucceeded")) {
            JsonNode d = t.equals("TaskSucceeded") ? end.path("taskSucceededEventDetails") : end.path("lambdaFunctionSucceededEventDetails");
            interp.finish(r, Json.parse(d.path("output").asText("null")), r.context(null, null));
        } else if (t.endsWith("Failed") || t.endsWith("TimedOut")) {
            interp.fail(r, error(end));
        } else {
            interp.retry(r); // its result was not recorded: run it again, at least once
        }
    }

    private static void countRetry(StateRun r, StatesError err) {
        for (int i = 0; i < r.s.errors().retry().size(); i++) {
            if (r.s.errors().retry().get(i).errorEquals().stream().anyMatch(err::matches)) {
                r.retrierAttempts[i]++;
                r.retryCount++;
                return;
            }
        }
    }

    private void continueParallel(StateRun r, List<JsonNode> visit) {
        JsonNode started = null;
        for (JsonNode ev : visit) {
            String t = ev.path("type").asText();
            if (t.equals("ParallelStateStarted")) {
                started = ev;
            } else if (t.equals("ParallelStateFailed")) {
                started = null; // failed after its start: Retry/Catch decide again below
                interp.retry(r);
                return;
            }
        }
        if (started == null) {
            interp.retry(r);
            return;
        }
        List<JsonNode> starts = new ArrayList<>();
        for (JsonNode k : children.getOrDefault(started.path("id").asLong(), List.of())) {
            if (entered(k)) {
                starts.add(k);
            }
        }
        if (starts.size() != r.asParallel().branches().size()) {
            interp.retry(r); // not every branch had started: the whole state runs again
            return;
        }
        List<ParallelState.BranchPlan> plans = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            Asl.Machine branch = r.asParallel().branches().get(i);
            List<JsonNode> thread = walk(starts.get(i));
            Plan p = plan(branch, thread, null);
            if (p.kind() == Kind.DONE) {
                plans.add(new ParallelState.BranchPlan(p.input(), null, 0));
            } else {
                plans.add(new ParallelState.BranchPlan(null, frame -> {
                    replayVariables(frame.vars, thread);
                    apply(frame, p);
                }, last(thread)));
            }
        }
        interp.resumeParallel(r, plans);
    }
}
