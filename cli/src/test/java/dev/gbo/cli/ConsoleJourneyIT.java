package dev.gbo.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.gbo.testkit.LocalDeployment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The console in a real browser (Debian's headless Chromium through /usr/bin/chromedriver), as a user
 * goes through it: open the console, start an execution from a fixture, watch it reach SUCCEEDED,
 * open its graph, find the job's log line {@code aarch64}, and stop a long-running execution. The
 * cloud runs {@code gbo serve}'s real-time clock at x20 over a scenario in which a request named
 * {@code long-run} makes a ten-hour job, so the first execution ends in seconds and the second is
 * still running when it is stopped.
 *
 * <p>Screenshots of every page go to {@code cli/target/console-screenshots/}; with
 * {@code -Dgbo.console.docs=true} they are also copied to {@code docs/console/}. Without Chromium the
 * test is skipped with what to install, except on CI ({@code CI=true}), where it fails.
 */
class ConsoleJourneyIT {
    private static final Path HOME = Path.of("").toAbsolutePath();
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SHOTS = HOME.resolve("cli/target/console-screenshots");
    private static final double SPEED = 20.0;

    private static LocalDeployment local;
    private static WebDriver browser;
    private static ChromeDriverService driverService;

    @BeforeAll
    static void start() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String message = "the console's browser journey needs Debian's chromium and chromium-driver at " + CHROMIUM
                    + " and " + CHROMEDRIVER + " (apt-get install chromium chromium-driver)";
            if ("true".equals(System.getenv("CI"))) {
                fail(message + "; CI must install them (.ci/run does)");
            }
            Assumptions.abort(message);
        }
        Files.createDirectories(SHOTS);
        local = new Serve(HOME, 0, HOME.resolve("cli/src/test/resources/scenarios/console-journey.json"), true, SPEED,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).start();
        driverService = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .withLogOutput(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1440,1100", "--force-device-scale-factor=1", "--lang=en-US", "--hide-scrollbars");
        browser = new ChromeDriver(driverService, options);
        browser.manage().window().setSize(new Dimension(1440, 1100));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (driverService != null) {
            driverService.stop();
        }
        if (local != null) {
            local.close();
        }
    }

    /** Waits re-finding elements: the pages redraw what they poll, so an element found once may be replaced. */
    private static WebDriverWait waiting(long seconds) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(seconds), Duration.ofMillis(100));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    private static WebElement visible(String css) {
        return waiting(30).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    /** Clicks the element, finding it again if a redraw replaced it between finding and clicking. */
    private static void click(By by) {
        waiting(10).until(d -> {
            d.findElement(by).click();
            return true;
        });
    }

    private static void heading(String text) {
        waiting(30).until(ExpectedConditions.textToBe(By.id("page-title"), text));
    }

    /** The whole page (up to 2200 px high), scrolled to the top, without the focus highlight of the last click. */
    private static void screenshot(String name) throws IOException {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)");
        long height = ((Number) js.executeScript("return document.documentElement.scrollHeight")).longValue();
        browser.manage().window().setSize(new Dimension(1440, (int) Math.min(2200, Math.max(900, height))));
        Path file = SHOTS.resolve(name + ".png");
        try {
            Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } finally {
            browser.manage().window().setSize(new Dimension(1440, 1100));
        }
        if (Boolean.getBoolean("gbo.console.docs")) {
            Path docs = HOME.resolve("docs/console");
            Files.createDirectories(docs);
            Files.copy(file, docs.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void executionStatus(String status, long seconds) {
        waiting(seconds).until(ExpectedConditions.attributeToBe(By.cssSelector("#execution-status .status"), "data-status", status));
    }

    private static void go(String hash) {
        browser.get(local.cloud().endpoint() + "/_gbo/console/" + hash);
    }

    @Test
    void journey_fixtureRunThenLongRun_succeedsShowsAarch64ThenStopsAndRedrives() throws IOException {
        // 1. open the console: the endpoint's root, as gbo serve prints it
        browser.get(local.cloud().endpoint() + "/");
        heading("State machines");
        visible("a[href*='stateMachine%3Agbo-orchestrator']");
        screenshot("01-state-machines");

        browser.findElement(By.linkText("gbo-orchestrator")).click();
        heading("gbo-orchestrator");
        visible("svg.graph g.node[data-state='RunJob'] g.node[data-state='SubmitAndWait']");
        assertThat(browser.findElements(By.cssSelector("svg.graph path.edge-catch"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("svg.graph path.edge-retry"))).isNotEmpty();
        screenshot("02-state-machine-graph");

        // 2. start an execution from a fixture
        browser.findElement(By.cssSelector(".page-head a.button.primary")).click();
        heading("Start execution");
        WebElement fixture = visible("#fixture");
        new org.openqa.selenium.support.ui.Select(fixture).selectByValue("console-input.json");
        assertThat(browser.findElement(By.id("input")).getDomProperty("value")).contains("\"name\": \"arm64-demo\"");
        browser.findElement(By.id("exec-name")).sendKeys("journey-ok");
        screenshot("03-start-execution");
        browser.findElement(By.id("start-execution")).click();

        // 3. watch it reach SUCCEEDED (the page polls DescribeExecution and the history while it runs)
        heading("journey-ok");
        executionStatus("SUCCEEDED", 45);

        // 4. its graph, coloured by each state's status; a state's input and output
        browser.findElement(By.cssSelector("[data-tab='graph']")).click();
        waiting(10).until(ExpectedConditions.attributeToBe(By.cssSelector("g.node[data-state='VerifyJob']"), "data-status", "SUCCEEDED"));
        assertThat(browser.findElement(By.cssSelector("g.node[data-state='PublishSucceeded']")).getDomAttribute("data-status")).isEqualTo("SUCCEEDED");
        assertThat(browser.findElement(By.cssSelector("g.node[data-state='ComposeFailure']")).getDomAttribute("data-status")).isEmpty();
        WebElement verify = browser.findElement(By.cssSelector("g.node[data-state='VerifyJob']"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].focus()", verify);
        new Actions(browser).sendKeys(Keys.ENTER).perform(); // keyboard: a state is a button
        waiting(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("state-panel"), "aarch64"));
        assertThat(browser.findElement(By.cssSelector("g.node[data-state='VerifyJob']")).getDomAttribute("aria-pressed")).isEqualTo("true");
        screenshot("04-execution-graph");

        browser.findElement(By.cssSelector("[data-tab='events']")).click();
        visible("tr[data-event-type='ExecutionSucceeded']");
        screenshot("05-execution-history");
        browser.findElement(By.cssSelector("[data-tab='timeline']")).click();
        visible(".timeline-frame svg");
        screenshot("06-execution-timeline");

        // 5. the job's log line aarch64 (CloudWatch Logs GetLogEvents on the attempt's stream)
        browser.findElement(By.cssSelector("#execution-details a[data-job]")).click();
        waiting(20).until(ExpectedConditions.textToBePresentInElementLocated(By.id("job-logs"), "aarch64"));
        browser.findElement(By.id("log-filter")).sendKeys("aarch64");
        WebElement mark = visible("#job-logs .log-line mark");
        assertThat(mark.getText()).isEqualTo("aarch64");
        assertThat(browser.findElements(By.cssSelector("#job-timeline li[data-status]")).stream()
                .map(li -> li.getDomAttribute("data-status")).toList()).contains("SUBMITTED", "RUNNING", "SUCCEEDED");
        screenshot("07-batch-job");

        go("#/batch");
        heading("AWS Batch");
        waiting(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("compute-environments"), "m9g"));
        screenshot("08-batch");

        // 6. stop a long-running execution
        go("#/start");
        heading("Start execution");
        WebElement editor = visible("#input");
        editor.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        editor.sendKeys("{\"name\": \"long-run\", \"image\": \"" + local.parameters().get("JobImage")
                + "\", \"command\": [\"python\", \"/app/app.py\"], \"vcpus\": 1, \"memoryMiB\": 2048}");
        waiting(5).until(ExpectedConditions.textToBe(By.id("input-validation"), "\u2713 Valid JSON"));
        browser.findElement(By.id("exec-name")).sendKeys("journey-long");
        browser.findElement(By.id("start-execution")).click();
        heading("journey-long");
        executionStatus("RUNNING", 10);
        waiting(45).until(ExpectedConditions.attributeToBe(By.cssSelector("g.node[data-state='SubmitAndWait']"), "data-status", "RUNNING"));

        go("#/executions?status=RUNNING");
        heading("Executions");
        visible("tr[data-execution='journey-long']");
        assertThat(browser.findElements(By.cssSelector("tr[data-execution='journey-ok']"))).isEmpty();
        screenshot("09-executions-running");

        click(By.linkText("journey-long")); // the list redraws what it polls
        heading("journey-long");
        assertThat(browser.findElement(By.id("redrive-execution")).isEnabled()).isFalse();
        visible("#stop-execution").click();
        visible("#confirm-stop").click();
        executionStatus("ABORTED", 20);
        waiting(10).until(ExpectedConditions.attributeToBe(By.cssSelector("g.node[data-state='SubmitAndWait']"), "data-status", "ABORTED"));
        screenshot("10-execution-stopped");

        // 7. redrive it (RedriveExecution): the run goes on in SubmitAndWait, whose idempotent submit finds
        // the job Cleanup terminated, so the orchestrator's failure path ends it FAILED
        assertThat(browser.findElement(By.id("redrive-reason")).getText()).isEmpty();
        waiting(10).until(ExpectedConditions.elementToBeClickable(By.id("redrive-execution"))).click();
        executionStatus("RUNNING", 10);
        waiting(10).until(ExpectedConditions.textToBe(By.id("redrive-reason"), "Execution is RUNNING and cannot be redriven"));
        // SubmitAndWait runs again: RUNNING, or already past it when the virtual clock outran the page's polling
        waiting(45).until(ExpectedConditions.not(ExpectedConditions.attributeToBe(
                By.cssSelector("g.node[data-state='SubmitAndWait']"), "data-status", "ABORTED")));
        screenshot("12-execution-redriven");
        executionStatus("FAILED", 60);
        waiting(10).until(ExpectedConditions.textToBe(By.id("redrive-reason"), "Redriven 1 time"));
        assertThat(browser.findElement(By.id("redrive-execution")).isEnabled()).as("FAILED again: redrivable again").isTrue();
        try (SfnClient sfn = local.sfn()) {
            assertThat(sfn.describeExecution(r -> r.executionArn(sfn.listExecutions(l -> l.stateMachineArn(local.stateMachineArn()))
                    .executions().stream().filter(e -> e.name().equals("journey-long")).findFirst().orElseThrow().executionArn()))
                    .redriveCount()).isEqualTo(1);
        }
        try (SfnClient sfn = local.sfn()) {
            List<ExecutionListItem> executions = sfn.listExecutions(r -> r.stateMachineArn(local.stateMachineArn())).executions();
            assertThat(executions).filteredOn(e -> e.name().equals("journey-long")).singleElement()
                    .satisfies(e -> assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED));
            assertThat(executions).filteredOn(e -> e.name().equals("journey-ok")).singleElement()
                    .satisfies(e -> assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED));
        }

        // the events each bus received, the rule and target that got each (Cleanup got the ABORTED status change)
        go("#/eventbridge?bus=default");
        heading("Amazon EventBridge");
        waiting(20).until(ExpectedConditions.textToBePresentInElementLocated(By.id("recent-events"), "Execution Status Change"));
        waiting(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("recent-events"), "Delivered"));
        screenshot("11-eventbridge");
    }
}
