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
 * nothing is dropped silently. The execution's TimeoutSeconds counts from its start date (or its last
 * redrive), as before.
 *
 * <p>{@link #redrive} follows the same history after RedriveExecution re-opened a FAILED, ABORTED or
 * TIMED_OUT execution, with AWS's redrive rules: a state with no {@code *StateExited} runs again; a Task
 * is scheduled again (its Retriers counting from 0); a Parallel runs again only the branches that did
 * not reach their end (each from where it stood, a branch that never started from its start); an inline
 * Map only the iterations that did not succeed ({@link MapState#redrive}); TimeoutSeconds counts from
 * the redrive. Execution-level events (ExecutionFailed, ExecutionRedriven...) belong to no thread.
 */
final class ExecutionResume {

    private final Interpreter interp;
    private final Execution e;
    private final Map<Long, List<JsonNode>> children = new HashMap<>();
    private final JsonNode first;
    /** Redriving (RedriveExecution) rather than resuming after a restart. */
    private final boolean redrive;
    /** The id of the last ExecutionRedriven event (0: never redriven): outcomes before it were redriven. */
    private final long redrivenAt;

    private ExecutionResume(Interpreter interp, Execution e, boolean redrive) {
        this.interp = interp;
        this.e = e;
        List<JsonNode> events = new ArrayList<>(e.events());
        this.first = events.isEmpty() ? null : events.get(0);
        long redriven = 0;
        for (JsonNode ev : events) {
            children.computeIfAbsent(Execution.threadPrevious(ev), k -> new ArrayList<>()).add(ev);
            if (ev.path("type").asText().equals("ExecutionRedriven")) {
                redriven = ev.path("id").asLong();
            }
        }
        this.redrivenAt = redriven;
        // restarted right after a RedriveExecution, before the redrive recorded anything: redrive now
        JsonNode lastEvent = events.isEmpty() ? null : events.get(events.size() - 1);
        this.redrive = redrive || lastEvent != null && lastEvent.path("type").asText().equals("ExecutionRedriven");
    }

    /** Driver thread only. */
    static void resume(Interpreter interp, Execution e) {
        follow(interp, e, false, "The local cloud restarted and could not resume this execution from its history: ");
    }

    /**
     * Goes on with an execution RedriveExecution re-opened (ExecutionRedriven recorded): the earlier run's
     * scope is released and a new one runs from the unsuccessful states. Driver thread only.
     */
    static void redrive(Interpreter interp, Execution e) {
        if (!e.open()) {
            return; // stopped again before the redrive began
        }
        if (e.timeoutTimer != null) {
            e.timeoutTimer.cancel();
        }
        e.root.cancel();
        e.root = new Execution.Scope(null);
        follow(interp, e, true, "The local Step Functions engine could not redrive this execution from its history: ");
    }

    private static void follow(Interpreter interp, Execution e, boolean redrive, String failure) {
        try {
            new ExecutionResume(interp, e, redrive).run();
        } catch (IllegalStateException closing) {
            if (!"the local cloud's clock is closed".equals(closing.getMessage())) {
                throw closing;
            }
            // the cloud is shutting down: the execution stays RUNNING in its record and goes on after a restart
        } catch (RuntimeException ex) {
            ObjectNode d = Json.object();
            String cause = failure + ex.getMessage();
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
            Instant from = e.redriveDate() != null ? e.redriveDate() : e.startDate; // AWS: reset by a redrive
            Instant due = from.plusSeconds(e.definition.timeoutSeconds);
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

    /** ExecutionFailed, ExecutionRedriven...: recorded after the last event of any thread, part of none. */
    private static boolean executionLevel(JsonNode ev) {
        return ev.path("type").asText().startsWith("Execution");
    }

    /** The events of one thread from {@code start} on: each one's continuation in the same thread. */
    private List<JsonNode> walk(JsonNode start) {
        List<JsonNode> out = new ArrayList<>();
        JsonNode cur = start;
        while (cur != null) {
            out.add(cur);
            JsonNode next = null;
            for (JsonNode k : children.getOrDefault(cur.path("id").asLong(), List.of())) {
                if (forks(cur) && entered(k) || executionLevel(k)) {
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
                    case Asl.Task t -> {
                        if (redrive) {
                            interp.retry(r); // rescheduled, its Retriers counting from 0
                        } else {
                            continueTask(r, p.visit());
                        }
                    }
                    case Asl.Parallel x -> {
                        if (redrive) {
                            redriveParallel(r, p.visit());
                        } else {
                            continueParallel(r, p.visit());
                        }
                    }
                    case Asl.Map x -> {
                        if (redrive || redriven(lastOf(p.visit(), "MapStateFailed"))) {
                            redriveMap(r, p.visit()); // (a restart during a redrive goes on with it)
                        } else {
                            interp.enter(f, p.state(), p.input());
                        }
                    }
                    case Asl.Pass x -> interp.enter(f, p.state(), p.input());
                    case Asl.Choice x -> interp.enter(f, p.state(), p.input());
                    case Asl.Wait x -> interp.enter(f, p.state(), p.input());
                    case Asl.Succeed x -> interp.enter(f, p.state(), p.input());
                    case Asl.Fail x -> interp.enter(f, p.state(), p.input());
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
        // the retries the earlier attempts used, counted as RetryCatch counts them (a redrive reset them)
        for (int i = 0; i < attempts.size() - 1; i++) {
            if (redriven(attempts.get(i).get(0))) {
                continue;
            }
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
        if (redriven(lastAttempt.get(0))) {
            interp.retry(r); // redriven and not rescheduled before the restart: rescheduled now
            return;
        }
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
            } else if (t.equals("ParallelStateFailed") && !redriven(ev)) {
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

    // ------------------------------------------------------------------ redrive of Parallel and Map

    /** Whether the event was recorded before the last redrive (an outcome the redrive goes past). */
    private boolean redriven(JsonNode ev) {
        return ev != null && ev.path("id").asLong() < redrivenAt;
    }

    /** The last event of {@code type} in the visit (null: none). */
    private static JsonNode lastOf(List<JsonNode> visit, String type) {
        JsonNode found = null;
        for (JsonNode ev : visit) {
            if (ev.path("type").asText().equals(type)) {
                found = ev;
            }
        }
        return found;
    }

    /** The first {@code *StateEntered} recorded under a fork event (a branch's or an iteration's first state). */
    private JsonNode firstEntered(JsonNode fork, String startAt) {
        for (JsonNode k : children.getOrDefault(fork.path("id").asLong(), List.of())) {
            if (entered(k) && (startAt == null || startAt.equals(k.path("stateEnteredEventDetails").path("name").asText()))) {
                return k;
            }
        }
        return null;
    }

    /**
     * Redrives a Parallel state that did not exit: the branches of its last ParallelStateStarted that
     * reached their end keep their output, the others go on from where they stood; a branch that never
     * started starts now with the state's input (InputPath, Parameters evaluated again).
     */
    private void redriveParallel(StateRun r, List<JsonNode> visit) {
        JsonNode started = lastOf(visit, "ParallelStateStarted");
        if (started == null) {
            interp.retry(r); // it failed before its branches started: the whole state runs again
            return;
        }
        long startedId = started.path("id").asLong();
        JsonNode in = null;
        List<ParallelState.BranchPlan> plans = new ArrayList<>();
        for (int i = 0; i < r.asParallel().branches().size(); i++) {
            Asl.Machine branch = r.asParallel().branches().get(i);
            JsonNode head = firstEntered(started, branch.startAt);
            if (head == null) {
                if (in == null) {
                    JsonNode eff = DataFlow.inputPath(r, r.input);
                    in = r.s.paths().parameters() != null ? r.s.paths().parameters().eval(r.env(eff, r.context(null, null))) : eff;
                }
                JsonNode branchInput = in;
                plans.add(new ParallelState.BranchPlan(null, frame -> interp.enter(frame, branch.startAt, branchInput), startedId));
                continue;
            }
            List<JsonNode> thread = walk(head);
            Plan p = plan(branch, thread, null);
            if (p.kind() == Kind.DONE) {
                plans.add(new ParallelState.BranchPlan(p.input(), null, 0));
            } else {
                plans.add(new ParallelState.BranchPlan(null, frame -> apply(frame, p), last(thread)));
            }
        }
        interp.resumeParallel(r, plans);
    }

    /**
     * Redrives an inline Map state that did not exit: the iterations of its last MapStateStarted whose
     * thread reached its end keep their output; the others run again, each from where it stood (one that
     * never entered a state starts from the ItemProcessor's StartAt).
     */
    private void redriveMap(StateRun r, List<JsonNode> visit) {
        JsonNode started = lastOf(visit, "MapStateStarted");
        if (started == null) {
            interp.retry(r); // it failed before its iterations started: the whole state runs again
            return;
        }
        Map<Integer, JsonNode> firstStart = new HashMap<>();
        boolean after = false;
        for (JsonNode ev : visit) {
            after |= ev == started;
            if (after && ev.path("type").asText().equals("MapIterationStarted")) {
                firstStart.putIfAbsent(ev.path("mapIterationStartedEventDetails").path("index").asInt(), ev);
            }
        }
        int n = started.path("mapStateStartedEventDetails").path("length").asInt();
        List<ParallelState.BranchPlan> plans = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            JsonNode head = firstStart.containsKey(i) ? firstEntered(firstStart.get(i), r.asMap().processor().startAt) : null;
            if (head == null) {
                plans.add(null);
                continue;
            }
            List<JsonNode> thread = walk(head);
            Plan p = plan(r.asMap().processor(), thread, null);
            if (p.kind() == Kind.DONE) {
                plans.add(new ParallelState.BranchPlan(p.input(), null, 0));
            } else {
                plans.add(new ParallelState.BranchPlan(null, frame -> apply(frame, p), last(thread)));
            }
        }
        interp.redriveMap(r, plans);
    }
}
