package dev.gbo.bench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The module and layer boundaries of docs/architecture.md, enforced. {@code bench} is built after
 * every other module, so its tests read every module's main classes from its {@code target/classes}
 * (the shaded jars would mix modules up).
 */
class ArchitectureTest {
    /** Every module of the build with main code, as directories beside bench. */
    static final List<String> MODULES = List.of("model", "functions", "local", "testkit", "cli", "bench");

    private static final JavaClasses PRODUCT = new ClassFileImporter()
            .importPaths(MODULES.stream().map(m -> Path.of("..", m, "target", "classes"))
                    .filter(Files::isDirectory).toList());

    private static final DescribedPredicate<JavaClass> STORES =
            DescribedPredicate.describe("stores (*Store)", c -> c.getSimpleName().endsWith("Store"));
    private static final DescribedPredicate<JavaClass> OPERATIONS = DescribedPredicate.describe(
            "operation classes (implementations of core.Operation)",
            c -> !c.isInterface() && c.isAssignableTo("dev.gbo.local.core.Operation"));

    @Test
    void packages_haveNoCycles() {
        slices().matching("dev.gbo.(**)").should().beFreeOfCycles().check(PRODUCT);
    }

    @Test
    void packages_areNeverSplitAcrossModules() {
        Map<String, Set<String>> modulesByPackage = new TreeMap<>();
        for (JavaClass c : PRODUCT) {
            String uri = c.getSource().map(s -> s.getUri().toString()).orElse("");
            String module = MODULES.stream().filter(m -> uri.contains("/" + m + "/target/classes/")).findFirst().orElse(uri);
            modulesByPackage.computeIfAbsent(c.getPackageName(), p -> new TreeSet<>()).add(module);
        }
        Map<String, Set<String>> split = new TreeMap<>();
        modulesByPackage.forEach((pkg, modules) -> {
            if (modules.size() > 1) {
                split.put(pkg, modules);
            }
        });
        assertThat(split).as("packages whose classes come from more than one module").isEmpty();
    }

    @Test
    void functions_dependOnNeitherTheLocalCloudNorTheCli() {
        noClasses().that().resideInAPackage("dev.gbo.functions..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.gbo.local..", "dev.gbo.cli..", "dev.gbo.bench..")
                .check(PRODUCT);
    }

    @Test
    void model_dependsOnNoAwsSdkAndNoOtherModule() {
        noClasses().that().resideInAPackage("dev.gbo.model..")
                .should().dependOnClassesThat().resideInAnyPackage("software.amazon..", "dev.gbo.functions..",
                        "dev.gbo.local..", "dev.gbo.cli..", "dev.gbo.bench..", "dev.gbo.testkit..")
                .allowEmptyShould(true)
                .check(PRODUCT);
    }

    @Test
    void localCloud_dependsOnNeitherTheFunctionsNorTheCli() {
        noClasses().that().resideInAPackage("dev.gbo.local..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.gbo.functions..", "dev.gbo.cli..", "dev.gbo.bench..")
                .check(PRODUCT);
    }

    @Test
    void adapters_reachOperationsOnlyThroughTheCoreInterfaces() {
        noClasses().that().resideInAPackage("dev.gbo.local.http..")
                .should().dependOnClassesThat(STORES.or(OPERATIONS))
                .check(PRODUCT);
    }

    @Test
    void stores_knowNeitherOperationsNorAdapters() {
        noClasses().that(STORES)
                .should().dependOnClassesThat(OPERATIONS)
                .orShould().dependOnClassesThat().resideInAPackage("dev.gbo.local.http..")
                .allowEmptyShould(true)
                .check(PRODUCT);
    }

    @Test
    void operations_knowNoAdapter() {
        noClasses().that(OPERATIONS)
                .should().dependOnClassesThat().resideInAPackage("dev.gbo.local.http..")
                .check(PRODUCT);
    }

    @Test
    void operations_areNamedAsAwsNamesThem() {
        classes().that(OPERATIONS).should().haveSimpleNameNotEndingWith("Operation")
                .andShould().haveSimpleNameNotEndingWith("Handler")
                .check(PRODUCT);
    }

    @Test
    void cliAndTestkit_useTheLocalCloudOnlyThroughItsPublicApi() {
        noClasses().that().resideInAnyPackage("dev.gbo.cli..", "dev.gbo.testkit..")
                .should().dependOnClassesThat(DescribedPredicate.describe(
                        "classes outside the local cloud's public API (dev.gbo.local, .core, .scenario, .deploy)",
                        c -> c.getPackageName().startsWith("dev.gbo.local")
                                && !List.of("dev.gbo.local", "dev.gbo.local.core", "dev.gbo.local.scenario",
                                        "dev.gbo.local.deploy").contains(c.getPackageName())))
                .check(PRODUCT);
    }
}
