package dev.gbo.local.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads a CloudFormation/SAM template: YAML with the short-form intrinsics ({@code !Ref},
 * {@code !Sub}, {@code !GetAtt}, {@code !If}, {@code !Equals}, {@code !Not}, {@code !And},
 * {@code !Or}, {@code !Join}, {@code !Select}, {@code !Split}, {@code !FindInMap},
 * {@code !Base64}, {@code !Condition}, {@code !GetAZs}, {@code !ImportValue}, {@code !Cidr})
 * turned into their long forms ({@code {"Ref": ...}}, {@code {"Fn::Sub": ...}}), so the rest of
 * the deployer sees one JSON tree. Dates and YAML 1.1 booleans such as {@code yes}/{@code on} stay
 * strings, as CloudFormation reads them.
 */
public final class CfnYaml {
    private static final Map<String, String> TAGS = new LinkedHashMap<>();

    static {
        TAGS.put("!Ref", "Ref");
        TAGS.put("!Condition", "Condition");
        for (String f : List.of("Sub", "GetAtt", "If", "Equals", "Not", "And", "Or", "Join", "Select", "Split",
                "FindInMap", "Base64", "GetAZs", "ImportValue", "Cidr", "Length", "ToJsonString")) {
            TAGS.put("!" + f, "Fn::" + f);
        }
    }

    private CfnYaml() {
    }

    public static JsonNode parse(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(10 * 1024 * 1024);
        Yaml yaml = new Yaml(new Constructor(options), new org.yaml.snakeyaml.representer.Representer(
                new org.yaml.snakeyaml.DumperOptions()), new org.yaml.snakeyaml.DumperOptions(), options,
                new PlainResolver());
        Object tree = yaml.load(text);
        return Json.MAPPER.valueToTree(tree);
    }

    /** A resolver without timestamps and YAML 1.1 yes/no/on/off booleans (CloudFormation keeps them strings). */
    private static final class PlainResolver extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, java.util.regex.Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$"),
                    "tTfF");
            addImplicitResolver(Tag.INT, java.util.regex.Pattern.compile("^[-+]?(?:0|[1-9][0-9]*)$"),
                    "-+0123456789");
            addImplicitResolver(Tag.FLOAT, java.util.regex.Pattern.compile(
                    "^[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?$"), "-+0123456789.");
            addImplicitResolver(Tag.NULL, java.util.regex.Pattern.compile("^(?:~|null|Null|NULL| )$"), "~nN\0");
            addImplicitResolver(Tag.NULL, java.util.regex.Pattern.compile("^$"), null);
        }
    }

    private static final class Constructor extends SafeConstructor {
        Constructor(LoaderOptions options) {
            super(options);
            for (Map.Entry<String, String> e : TAGS.entrySet()) {
                yamlConstructors.put(new Tag(e.getKey()), new Intrinsic(e.getValue()));
            }
        }

        private final class Intrinsic extends AbstractConstruct {
            private final String name;

            Intrinsic(String name) {
                this.name = name;
            }

            @Override
            public Object construct(Node node) {
                Object value;
                if (node instanceof ScalarNode scalar) {
                    String s = scalar.getValue();
                    if ("Fn::GetAtt".equals(name)) {
                        int dot = s.indexOf('.');
                        value = dot < 0 ? List.of(s) : List.of(s.substring(0, dot), s.substring(dot + 1));
                    } else {
                        value = s;
                    }
                } else if (node instanceof SequenceNode seq) {
                    List<Object> list = new ArrayList<>();
                    for (Node child : seq.getValue()) {
                        list.add(constructObject(child));
                    }
                    value = list;
                } else {
                    value = constructMapping((MappingNode) node);
                }
                Map<String, Object> out = new LinkedHashMap<>();
                out.put(name, value);
                return out;
            }
        }
    }
}
