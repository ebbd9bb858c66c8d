package dev.gbo.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code gbo --version}: the project version Maven wrote into version.properties at build time (cli/pom.xml). */
final class Version implements IVersionProvider {
    static final String RESOURCE = "version.properties";

    @Override
    public String[] getVersion() {
        return new String[] {"gbo " + project(), "Java ${java.version} (${java.vendor}), ${os.name} ${os.arch}"};
    }

    /** The version, or a sentence saying why there is none (a build that skipped resource filtering). */
    static String project() {
        try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "(unknown: " + RESOURCE + " is missing; rebuild with ./gbo build)";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "");
            return v.isBlank() || v.contains("${") ? "(unknown: " + RESOURCE + " was not filtered; rebuild with ./gbo build)" : v;
        } catch (IOException e) {
            return "(unknown: " + e.getMessage() + ")";
        }
    }
}
