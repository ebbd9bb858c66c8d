package dev.gbo.local.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ShapeTest {
    private static final Shape MACHINE = Shape.parse("name!: string[1..80]; definition!#: string[1..10]; type: enum(STANDARD|EXPRESS);"
            + " maxResults: int[0..1000]; tags: list[..2]<{key!: string[1..3]; value: string}>; flag: boolean; size: long;"
            + " id: string/[a-z]+/; attrs: map<int>");

    private static AwsException refused(String json) {
        try {
            MACHINE.check(Json.parse(json), Shape.InputErrors.JSON, Set.of(), false);
        } catch (AwsException e) {
            return e;
        }
        return null;
    }

    @Test
    void check_validInput_passes() {
        assertThat(refused("{\"name\":\"n\",\"definition\":\"d\",\"type\":\"STANDARD\",\"tags\":[{\"key\":\"k\"}],"
                + "\"maxResults\":5,\"unknown\":[1]}")).isNull();
    }

    @Test
    void check_wrongTypedOptionalMember_serializationExceptionNamingIt() {
        AwsException e = refused("{\"name\":\"n\",\"definition\":\"d\",\"flag\":\"yes\"}");

        assertThat(e.code()).isEqualTo("SerializationException");
        assertThat(e.getMessage()).isEqualTo("STRING_VALUE can not be converted to a Boolean: member 'flag' must be true or false.");
    }

    @Test
    void check_nestedWrongType_namesThePath() {
        assertThat(refused("{\"name\":\"n\",\"definition\":\"d\",\"tags\":[{\"key\":7}]}").getMessage()).contains("'tags.1.key'");
        assertThat(refused("{\"name\":\"n\",\"definition\":\"d\",\"attrs\":{\"a\":\"x\"}}").getMessage()).contains("'attrs.a'");
    }

    @Test
    void check_intAbove2To31_outOfRangeNotWrapped() {
        AwsException e = refused("{\"name\":\"n\",\"definition\":\"d\",\"maxResults\":99999999999}");

        assertThat(e.code()).isEqualTo("SerializationException");
        assertThat(e.getMessage()).contains("99999999999").contains("out of range");
        assertThat(refused("{\"name\":\"n\",\"definition\":\"d\",\"size\":99999999999}")).isNull();
        assertThat(refused("{\"name\":\"n\",\"definition\":\"d\",\"size\":99999999999999999999}").getMessage()).contains("a Long");
    }

    @Test
    void check_constraintViolations_allInOneValidationExceptionInAwsWords() {
        AwsException e = refused("{\"definition\":\"" + "d".repeat(11) + "\",\"type\":\"X\",\"maxResults\":1001,"
                + "\"tags\":[{\"key\":\"long\"},{},{\"key\":\"k\"}],\"id\":\"A1\"}");

        assertThat(e.code()).isEqualTo("ValidationException");
        assertThat(e.getMessage()).startsWith("8 validation errors detected: ")
                .contains("Value null at 'name' failed to satisfy constraint: Member must not be null")
                .contains("Value at 'definition' failed to satisfy constraint: Member must have length less than or equal to 10")
                .contains("Value 'X' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]")
                .contains("Value '1001' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000")
                .contains("at 'tags' failed to satisfy constraint: Member must have length less than or equal to 2")
                .contains("Value 'long' at 'tags.1.member.key' failed to satisfy constraint: Member must have length less than or equal to 3")
                .contains("Value null at 'tags.2.member.key'")
                .doesNotContain("ddddddddddd");
    }

    @Test
    void check_textMembers_acceptNumbersAndBooleansAsText() {
        String in = "{\"name\":\"n\",\"definition\":\"d\",\"maxResults\":\"12\",\"flag\":\"true\"}";

        MACHINE.check(Json.parse(in), Shape.InputErrors.JSON, Set.of("maxResults", "flag"), false);
        MACHINE.check(Json.parse(in), Shape.InputErrors.JSON, Set.of(), true);
        assertThatThrownBy(() -> MACHINE.check(Json.parse(in), Shape.InputErrors.JSON, Set.of("flag"), false))
                .hasMessageContaining("'maxResults'");
    }

    @Test
    void parse_malformedNotation_saysWhere() {
        assertThatThrownBy(() -> Shape.parse("name: strin")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected a type, not 'strin'");
        assertThatThrownBy(() -> Shape.parse("a: list<string")).hasMessageContaining("expected '>'");
    }

    @Test
    void check_quotedValues_areClipped() {
        AwsException e = refused("{\"name\":\"" + "n".repeat(5000) + "\",\"definition\":\"d\"}");

        assertThat(e.getMessage().length()).isLessThan(400);
    }
}
